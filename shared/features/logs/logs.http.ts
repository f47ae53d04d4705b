import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { getClusterLogs } from './logs.api';
import { logsAsCsv } from './logsCsv';
import type { LogsDependencies } from './logsDependencies';
import { queryClusterLogs } from './queryClusterLogs';

/** `GET …/logs`: JSON by default, CSV when the caller accepts text/csv. */
export function logsHttpHandlers(http: HttpPipeline, deps: LogsDependencies): HttpHandlers {
  return {
    [getClusterLogs.operationId]: http.handle(getClusterLogs, async (call) => {
      const result = await queryClusterLogs(deps, call, call.params, call.query);
      if (!wantsCsv(call.request.headers.get('accept'))) return { status: 200, jsonBody: result };
      return { status: 200, body: logsAsCsv(result), headers: { 'content-type': 'text/csv; charset=utf-8' } };
    }),
  };
}

function wantsCsv(accept: string | null): boolean {
  return accept !== null && /(^|,)\s*text\/csv\s*(;|,|$)/i.test(accept);
}
