import type { TableClient } from '@azure/data-tables';
import type { InvocationContext } from '@azure/functions';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { invocationLogger, type LogLevel } from '../../platform/observability/logger';
import type { StorageQueue } from '../../platform/storage/storageQueue';
import { InboundEventStore } from './inboundEventStore';
import type { InboundPorts } from './inboundPorts';
import { inboundMessageSchema, type InboundMessage } from './inboundQueue';
import { processInbound } from './processInbound';
import { pruneInbound, type InboundRetention } from './pruneInbound';
import { webhookEventsHttpHandlers } from './webhookEvents.http';

export { webhookEventsOperations } from './webhookEvents.api';
export type { InboundPorts } from './inboundPorts';
export type { InboundMessage } from './inboundQueue';
export { InboundEventStore } from './inboundEventStore';

/** Event Grid and Azure Monitor alerts in: the two webhook endpoints, and the queue trigger that acts on what they stored. */
export interface WebhookEventsModule {
  http: HttpHandlers;
  store: InboundEventStore;
  /** The `webhookEventsProcess` queue trigger: runs one stored event's or alert's actions. */
  process(message: unknown, context: InvocationContext): Promise<void>;
  /** The `webhookEventsRetention` timer: deletes dedupe rows past every redelivery. */
  retain(context: InvocationContext): Promise<void>;
}

export function buildWebhookEvents(deps: {
  table: TableClient;
  queue: StorageQueue<InboundMessage>;
  fleetSubscriptions: () => string[];
  ports: InboundPorts;
  http: HttpPipeline;
  logLevel: LogLevel;
  retention: InboundRetention;
  now?: () => Date;
}): WebhookEventsModule {
  const store = new InboundEventStore(deps.table);
  const now = deps.now ?? (() => new Date());
  return {
    store,
    http: webhookEventsHttpHandlers(deps.http, {
      store,
      queue: deps.queue,
      now,
      fleetSubscriptions: deps.fleetSubscriptions,
      isRegisteredCluster: (id) => deps.ports.isRegisteredCluster(id),
    }),
    async process(message, context) {
      const log = invocationLogger(context, { operationId: 'webhookEventsProcess' }, deps.logLevel);
      const key = inboundMessageSchema.parse(message);
      const result = await processInbound({ store, ports: deps.ports, now, log }, key);
      if (result === 'alreadyProcessed')
        log.info('Inbound event already processed: nothing done twice', { rowKey: key.rowKey });
    },
    async retain(context) {
      const pruned = await pruneInbound({ store, now, retention: deps.retention });
      if (pruned.processed + pruned.unprocessed > 0) invocationLogger(context, { operationId: 'webhookEventsRetention' }, deps.logLevel).info('Inbound records pruned', pruned);
    },
  };
}
