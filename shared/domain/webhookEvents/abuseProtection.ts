/** The origin Event Grid names in the CloudEvents abuse-protection handshake. */
export const EVENT_GRID_ORIGIN = 'eventgrid.azure.net';

/** Requests per minute Fleetplane grants a sender that asks (`WebHook-Request-Rate`); the work is queued. */
export const ALLOWED_REQUEST_RATE = 600;

export type AbuseProtectionAnswer =
  { allowed: true; headers: Record<string, string> } | { allowed: false; reason: string };

/**
 * The answer to a CloudEvents webhook validation request (CloudEvents HTTP webhook spec §4): only allowlisted
 * origins are granted — echoing any origin would let anyone enlist this endpoint — and a requested rate is
 * granted up to ALLOWED_REQUEST_RATE.
 */
export function answerAbuseProtection(
  requestOrigin: string | null,
  requestRate: string | null,
  allowedOrigins: readonly string[] = [EVENT_GRID_ORIGIN],
): AbuseProtectionAnswer {
  const origin = requestOrigin?.trim().toLowerCase() ?? '';
  if (origin === '') return { allowed: false, reason: 'WebHook-Request-Origin is missing' };
  if (!allowedOrigins.includes(origin))
    return { allowed: false, reason: `origin ${origin.slice(0, 256)} is not allowed` };
  const headers: Record<string, string> = { 'webhook-allowed-origin': origin, allow: 'POST, OPTIONS' };
  const rate = grantedRate(requestRate);
  if (rate !== undefined) headers['webhook-allowed-rate'] = rate;
  return { allowed: true, headers };
}

function grantedRate(requested: string | null): string | undefined {
  const text = requested?.trim();
  if (!text) return undefined;
  if (text === '*') return String(ALLOWED_REQUEST_RATE);
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) return String(ALLOWED_REQUEST_RATE);
  return String(Math.min(value, ALLOWED_REQUEST_RATE));
}
