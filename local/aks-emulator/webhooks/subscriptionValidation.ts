import { randomBytes } from 'node:crypto';
import { validationEventOf } from './eventEnvelopes';

export type ValidationOutcome = { validated: true } | { validated: false; detail: string };

/** The origin Event Grid names in the CloudEvents abuse-protection handshake. */
export const EVENT_GRID_ORIGIN = 'eventgrid.azure.net';

export function newValidationCode(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

/**
 * Event Grid's handshake for an Event Grid schema webhook: a one-event array with the validation code, header
 * `aeg-event-type: SubscriptionValidation`; the endpoint proves it wants events by echoing the code (200).
 */
export async function validateEventGridEndpoint(
  url: string,
  input: { topic: string; validationCode: string; validationUrl: string; time: string; token?: string; timeoutMs: number },
): Promise<ValidationOutcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'aeg-event-type': 'SubscriptionValidation',
        ...(input.token ? { authorization: `Bearer ${input.token}` } : {}),
      },
      body: JSON.stringify(validationEventOf(input.topic, input.validationCode, input.validationUrl, input.time)),
      redirect: 'manual',
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    const text = await response.text();
    if (response.status !== 200) return { validated: false, detail: `the endpoint answered ${response.status}` };
    const echoed = (JSON.parse(text) as { validationResponse?: unknown }).validationResponse;
    return echoed === input.validationCode ? { validated: true } : { validated: false, detail: 'the endpoint did not echo the validation code' };
  } catch (error) {
    return { validated: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The CloudEvents abuse-protection handshake (CloudEvents HTTP webhook spec §4): OPTIONS with
 * `WebHook-Request-Origin`; the endpoint grants it with `WebHook-Allowed-Origin` (the origin or `*`).
 */
export async function validateCloudEventsEndpoint(
  url: string,
  input: { token?: string; requestRate: number; timeoutMs: number },
): Promise<ValidationOutcome> {
  try {
    const response = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        'webhook-request-origin': EVENT_GRID_ORIGIN,
        'webhook-request-rate': String(input.requestRate),
        ...(input.token ? { authorization: `Bearer ${input.token}` } : {}),
      },
      redirect: 'manual',
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    await response.arrayBuffer();
    const allowed = response.headers.get('webhook-allowed-origin');
    if (response.status === 200 && (allowed === EVENT_GRID_ORIGIN || allowed === '*')) return { validated: true };
    return { validated: false, detail: `the endpoint answered ${response.status} without granting ${EVENT_GRID_ORIGIN}` };
  } catch (error) {
    return { validated: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
