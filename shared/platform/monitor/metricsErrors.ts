import { DependencyRejectedError, DependencyUnavailableError } from '../../domain/errors';
import { errorCodeOf, isOwnCredentialFailure, retryAfterOf, statusCodeOf } from '../azure/restErrors';

export const AZURE_MONITOR_METRICS = 'Azure Monitor metrics';
const DEFAULT_RETRY_AFTER_SECONDS = 10;

/** Metrics API failures as domain errors: throttling, faults and no answer → retry later (503); a refusal keeps its code. */
export function translateMetricsError(error: unknown): unknown {
  if (isOwnCredentialFailure(error)) {
    return new DependencyUnavailableError(AZURE_MONITOR_METRICS, 'Fleetplane could not get a token for Azure Monitor; check its managed identity.', DEFAULT_RETRY_AFTER_SECONDS);
  }
  const status = statusCodeOf(error);
  if (status === undefined) {
    return new DependencyUnavailableError(AZURE_MONITOR_METRICS, 'Azure Monitor metrics could not be reached or did not answer in time; retry later.', DEFAULT_RETRY_AFTER_SECONDS);
  }
  const code = errorCodeOf(error) ?? `Http${status}`;
  if (status === 408 || status === 429 || status >= 500) {
    return new DependencyUnavailableError(AZURE_MONITOR_METRICS, `Azure Monitor metrics answered ${status} (${code}); retry later.`, retryAfterOf(error) ?? DEFAULT_RETRY_AFTER_SECONDS);
  }
  return new DependencyRejectedError(AZURE_MONITOR_METRICS, status, code, error instanceof Error ? error.message : 'Azure Monitor rejected the metrics query.');
}
