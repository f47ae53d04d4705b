import { app } from '@azure/functions';
import { getHealth } from '../shared/features/health/health.api';
import { services } from '../shared/app';
import { handleHttp, httpTriggerOf } from '../shared/platform/http/handleHttp';
import { healthReport } from '../shared/features/health/healthService';

export const health = handleHttp(getHealth, async () => {
  const report = await healthReport(services());
  return { status: report.status === 'ready' ? 200 : 503, jsonBody: report, headers: { 'cache-control': 'no-store' } };
});

app.http(getHealth.operationId, { ...httpTriggerOf(getHealth), handler: health });
