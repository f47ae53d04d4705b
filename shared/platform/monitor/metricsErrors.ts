import { errorCodeOf } from '../azure/restErrors';
import { translateMonitorError } from './monitorErrors';

export const AZURE_MONITOR_METRICS = 'Azure Monitor metrics';

/** Metrics API failures as domain errors (see translateMonitorError). */
export function translateMetricsError(error: unknown): unknown {
  return translateMonitorError(AZURE_MONITOR_METRICS, error, (status) => ({
    code: errorCodeOf(error) ?? `Http${status}`,
    message: error instanceof Error ? error.message : 'Azure Monitor rejected the metrics query.',
  }));
}
