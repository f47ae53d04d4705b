import { app } from '@azure/functions';
import { getHealth } from '../shared/api/healthApi';
import { services } from '../shared/composition';
import { handleHttp, httpTriggerOf } from '../shared/http/handleHttp';
import { healthReport } from '../shared/services/healthService';

export const health = handleHttp(getHealth, async () => {
  const report = await healthReport(services());
  return { status: report.status === 'ready' ? 200 : 503, jsonBody: report, headers: { 'cache-control': 'no-store' } };
});

app.http(getHealth.operationId, { ...httpTriggerOf(getHealth), handler: health });
