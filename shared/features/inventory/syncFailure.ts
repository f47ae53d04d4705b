import { translateArmError } from '../../platform/arm/armErrors';
import { errorCodeOf, statusCodeOf } from '../../platform/azure/restErrors';

/** Why one part of a sync failed, as the sync summary and the inventory's status report it. */
export interface SyncFailure {
  code: string;
  message: string;
}

const MAX_MESSAGE_CHARS = 500;

/**
 * The failure's code (the service's, else `Http<status>`, else the error's name) and a bounded message.
 * ARM failures read as ARM errors (e.g. "could not be reached; retry later"); storage ones keep their text.
 */
export function syncFailureOf(error: unknown, source: 'arm' | 'storage' = 'arm'): SyncFailure {
  const status = statusCodeOf(error);
  const name = error instanceof Error ? error.name : 'Error';
  const code = errorCodeOf(error) ?? (status === undefined ? name : `Http${status}`);
  const described = source === 'arm' ? translateArmError(error) : error;
  const message = described instanceof Error ? described.message : String(described);
  return { code, message: message.slice(0, MAX_MESSAGE_CHARS) };
}
