import type { TableClient } from '@azure/data-tables';
import type { InvocationContext } from '@azure/functions';
import type { EmitFleetEvent } from '../../domain/events';
import type { RetryPolicy } from '../../domain/webhooks';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import type { SecretKeyRing } from '../../platform/secrets/secretEnvelope';
import { invocationLogger, type LogLevel } from '../../platform/observability/logger';
import { WebhookSender, type WebhookSenderOptions } from '../../platform/outbound/webhookSender';
import type { StorageQueue } from '../../platform/storage/storageQueue';
import { systemResolver } from '../../platform/outbound/guardedLookup';
import type { DecideAccess } from './deliveryAccess';
import { deliverWebhook } from './deliverWebhook';
import { deliveryMessageSchema, type DeliveryMessage } from './deliveryQueue';
import { DeliveryStore } from './deliveryStore';
import { EventStore } from './eventStore';
import { Outbox } from './outbox';
import { pruneWebhookHistory, type WebhookRetention } from './pruneWebhookHistory';
import { repairOutbox } from './repairOutbox';
import { SubscriptionStore } from './subscriptionStore';
import { urlAdmission } from './urlAdmission';
import { webhookHttpHandlers } from './webhooks.http';

export { webhookOperations } from './webhooks.api';
export type { DeliveryMessage } from './deliveryQueue';

/** Webhooks out: subscriptions and their API, the durable outbox behind `emitEvent`, signed and retried deliveries. */
export interface WebhooksModule {
  http: HttpHandlers;
  /** The `emitEvent` port: the event is stored before anything is delivered. */
  emitEvent: EmitFleetEvent;
  /** The `webhookDeliver` queue trigger: one attempt of the delivery a message names. */
  deliver(message: unknown, context: InvocationContext): Promise<void>;
  /** The `webhookRepair` timer: plans events left unplanned and re-sends overdue deliveries. */
  repair(context: InvocationContext): Promise<void>;
  /** The `webhookRetention` timer: deletes history past retention and re-seals secrets under an older key. */
  retain(context: InvocationContext): Promise<void>;
}

export interface WebhooksDependencies {
  tables: { subscriptions: TableClient; events: TableClient; deliveries: TableClient };
  queue: StorageQueue<DeliveryMessage>;
  http: HttpPipeline;
  /** The access decision for a subscription's owner, made again at every delivery. */
  decide: DecideAccess;
  sender: WebhookSenderOptions;
  retryPolicy: RetryPolicy;
  secretOverlapMs: number;
  /** Seals signing secrets at rest; its current key seals, older keys still open. */
  secretKeys: SecretKeyRing;
  retention: WebhookRetention;
  /** CloudEvents `source` of every event. */
  source: string;
  publicBaseUrl: string | undefined;
  logLevel: LogLevel;
  now?: () => Date;
  random?: () => number;
}

export function buildWebhooks(deps: WebhooksDependencies): WebhooksModule {
  const now = deps.now ?? (() => new Date());
  const subscriptions = new SubscriptionStore(deps.tables.subscriptions, deps.secretKeys);
  const events = new EventStore(deps.tables.events);
  const deliveries = new DeliveryStore(deps.tables.deliveries);
  const outbox = new Outbox({ events, deliveries, subscriptions, queue: deps.queue, now });
  const sender = new WebhookSender(deps.sender);
  const admitUrl = urlAdmission(deps.sender.policy, deps.sender.resolver ?? systemResolver);
  const logger = (context: InvocationContext, name: string) => invocationLogger(context, { operationId: name }, deps.logLevel);
  return {
    http: webhookHttpHandlers(deps.http, { subscriptions, deliveries, outbox, queue: deps.queue, admitUrl, secretOverlapMs: deps.secretOverlapMs, publicBaseUrl: deps.publicBaseUrl, now }),
    emitEvent: async (draft) => {
      await outbox.emit(draft);
    },
    async deliver(message, context) {
      const parsed = deliveryMessageSchema.parse(message);
      const result = await deliverWebhook(parsed, {
        deliveries,
        subscriptions,
        events,
        queue: deps.queue,
        post: (url, headers, body) => sender.post(url, headers, body),
        decide: deps.decide,
        retryPolicy: deps.retryPolicy,
        source: deps.source,
        leaseMs: deps.sender.totalTimeoutMs + 30_000,
        now,
        random: deps.random ?? Math.random,
      });
      const log = logger(context, 'webhookDeliver');
      const fields = { subscription: parsed.subscriptionId, delivery: parsed.deliveryId, ...result };
      if (result.kind === 'ignored') log.debug('Delivery message needed no attempt', fields);
      else if (result.kind === 'retrying' || (result.kind === 'ended' && result.status !== 'Delivered')) log.warn('Webhook delivery attempt failed', fields);
      else log.info('Webhook delivered', fields);
    },
    async repair(context) {
      const { planned, resent } = await repairOutbox({ events, deliveries, outbox, queue: deps.queue, now });
      if (planned + resent > 0) logger(context, 'webhookRepair').warn('Webhook outbox repaired', { planned, resent });
    },
    async retain(context) {
      const pruned = await pruneWebhookHistory({ events, deliveries, now, retention: deps.retention });
      const resealed = await subscriptions.resealStale();
      if (pruned.deliveries + pruned.events + resealed > 0) logger(context, 'webhookRetention').info('Webhook history pruned', { ...pruned, resealed });
    },
  };
}
