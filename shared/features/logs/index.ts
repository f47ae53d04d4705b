import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { logsHttpHandlers } from './logs.http';
import type { LogsDependencies } from './logsDependencies';

export { logsOperations } from './logs.api';
export type { LogsDependencies } from './logsDependencies';

/** Log queries of a cluster's Container Insights workspace, limited to what the caller may read, every one audited. */
export interface LogsModule {
  http: HttpHandlers;
}

export function buildLogs(deps: LogsDependencies & { http: HttpPipeline }): LogsModule {
  return { http: logsHttpHandlers(deps.http, deps) };
}
