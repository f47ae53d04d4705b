import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { getClusterLogs } from './logs.api';
import { logsAsCsv } from './logsCsv';
import type { LogsDependencies } from './logsDependencies';
import { queryClusterLogs } from './queryClusterLogs';
import { runClusterLogQuery } from './rawLogQuery.api';
import { runRawLogQuery } from './runRawLogQuery';

/** `GET …/logs`: JSON by default, CSV when the caller accepts text/csv (the next page in a Link header). `POST …/logs/query`: raw KQL. */
export function logsHttpHandlers(http: HttpPipeline, deps: LogsDependencies): HttpHandlers {
  return {
    [getClusterLogs.operationId]: http.handle(getClusterLogs, async (call) => {
      const result = await queryClusterLogs(deps, call, call.params, call.query);
      if (!wantsCsv(call.request.headers.get('accept'))) return { status: 200, jsonBody: result };
      const headers: Record<string, string> = { 'content-type': 'text/csv; charset=utf-8' };
      if (result.nextLink) headers['link'] = `<${result.nextLink}>; rel="next"`;
      return { status: 200, body: logsAsCsv(result), headers };
    }),
    [runClusterLogQuery.operationId]: http.handle(runClusterLogQuery, async (call) => ({
      status: 200,
      jsonBody: await runRawLogQuery(deps, call, call.params, call.body),
    })),
  };
}

function wantsCsv(accept: string | null): boolean {
  return accept !== null && /(^|,)\s*text\/csv\s*(;|,|$)/i.test(accept);
}
