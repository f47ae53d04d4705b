import { ValidationError } from '../../domain/errors';
import { WINDOW_MINUTES, type HealthWindow } from './clusterHealth.api';

const MINUTE_MS = 60_000;

export interface HealthWindowRange {
  start: Date;
  end: Date;
}

/**
 * The window of whole minutes (metrics are per minute) ending at the minute `until` falls in, by default now.
 * A window in the future has no data yet and would read as "no node ready", so it is refused.
 */
export function healthWindowOf(query: { window: HealthWindow; until?: string | undefined }, now: Date): HealthWindowRange {
  const until = query.until === undefined ? now : new Date(query.until);
  if (until.getTime() > now.getTime() + MINUTE_MS) {
    throw new ValidationError('The health window cannot end in the future.', [{ path: 'until', code: 'in_future', message: 'must not be in the future' }]);
  }
  const end = Math.floor(until.getTime() / MINUTE_MS) * MINUTE_MS;
  return { start: new Date(end - WINDOW_MINUTES[query.window] * MINUTE_MS), end: new Date(end) };
}
