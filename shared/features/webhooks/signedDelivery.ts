import { Webhook } from 'standardwebhooks';
import { toCloudEvent } from '../../domain/webhooks';
import type { OutboxEventRecord } from './outboxEvent';

export interface SignedDelivery {
  body: string;
  headers: Record<string, string>;
}

/**
 * The request of one attempt, per Standard Webhooks: `webhook-id` (the event id, the same on every retry: receivers
 * dedupe on it), `webhook-timestamp` (this attempt, seconds) and `webhook-signature` (one `v1,` signature per active
 * secret, space-separated, so a receiver still on the old secret verifies during a rotation). The body is the
 * CloudEvents 1.0 JSON event.
 */
export function signDelivery(event: OutboxEventRecord, input: { source: string; secrets: readonly string[]; now: Date }): SignedDelivery {
  const body = JSON.stringify(toCloudEvent(event, input.source));
  const signature = input.secrets.map((secret) => new Webhook(secret).sign(event.id, input.now, body)).join(' ');
  return {
    body,
    headers: {
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(input.now.getTime() / 1000)),
      'webhook-signature': signature,
      'user-agent': 'Fleetplane-Webhooks/1.0',
    },
  };
}
