import { randomBytes } from 'node:crypto';

/** ISO-8601 UTC without milliseconds, as the upgrades contract writes times. */
export function isoSeconds(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const LATEST_MS = 10 ** 13;

/** `ur-<inverted time>-<random>`: row keys sort newest first, so the list pages newest first. */
export function newRunId(now: Date): string {
  const inverted = (LATEST_MS - now.getTime()).toString(36).padStart(9, '0');
  return `ur-${inverted}-${randomBytes(4).toString('hex')}`;
}
