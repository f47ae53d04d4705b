import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { getHealth } from './health.api';
import { healthReport, type HealthDependencies } from './healthService';

export { healthOperations } from './health.api';

/** `GET /api/health`: liveness, and readiness of storage and ARM. */
export function buildHealth(deps: HealthDependencies & { http: HttpPipeline }): { http: HttpHandlers } {
  return {
    http: {
      [getHealth.operationId]: deps.http.handle(getHealth, async () => {
        const report = await healthReport(deps);
        return { status: report.status === 'ready' ? 200 : 503, jsonBody: report, headers: { 'cache-control': 'no-store' } };
      }),
    },
  };
}
