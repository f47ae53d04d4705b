import {
  actionsForEvent,
  eventDedupeKey,
  isInFleetSubscriptions,
  readEventGridDelivery,
  type EventGridDeliveryBody,
  type InboundEvent,
} from '../../domain/webhookEvents';
import type { Logger } from '../../platform/observability/logger';
import { acceptInbound, type InboundIntake } from './acceptInbound';

export type EventGridReceipt =
  | { kind: 'validation'; validationResponse: string; topic: string; validationUrl?: string }
  | { kind: 'validationRefused'; topic: string }
  | { kind: 'events'; accepted: number; duplicates: number; ignored: number; sources: string[] };

/**
 * One Event Grid delivery. The validation handshake is answered only for a topic in one of the fleet's
 * subscriptions (the caller refuses others with 403, the code not echoed); its validationUrl is logged for a
 * manual validation. Events are
 * stored and queued, each under its dedupe key; events outside the fleet or asking for nothing are ignored.
 */
export async function receiveEventGridDelivery(
  deps: InboundIntake & { fleetSubscriptions: () => string[]; log: Logger },
  body: EventGridDeliveryBody,
  contentType: string,
): Promise<EventGridReceipt> {
  const delivery = readEventGridDelivery(body, contentType);
  if (delivery.kind === 'validation') {
    const topic = delivery.topic ?? '';
    if (!isInFleetSubscriptions(topic, deps.fleetSubscriptions()))
      return { kind: 'validationRefused', topic };
    deps.log.info('Event Grid subscription validation answered', {
      topic,
      validationUrl: delivery.validationUrl ?? null,
    });
    return {
      kind: 'validation',
      validationResponse: delivery.validationCode,
      topic,
      ...(delivery.validationUrl ? { validationUrl: delivery.validationUrl } : {}),
    };
  }
  const results = await Promise.all(delivery.events.map((event) => receiveEvent(deps, event)));
  return {
    kind: 'events',
    accepted: results.filter((result) => result === 'accepted').length,
    duplicates: results.filter((result) => result === 'duplicate').length,
    ignored: results.filter((result) => result === 'ignored').length,
    sources: [...new Set(delivery.events.map((event) => event.source))],
  };
}

async function receiveEvent(
  deps: InboundIntake & { fleetSubscriptions: () => string[]; log: Logger },
  event: InboundEvent,
): Promise<'accepted' | 'duplicate' | 'ignored'> {
  const actions = isInFleetSubscriptions(event.source, deps.fleetSubscriptions())
    ? actionsForEvent(event)
    : [];
  if (actions.length === 0) {
    deps.log.info('Inbound event ignored', { type: event.type, source: event.source, eventId: event.id });
    return 'ignored';
  }
  const dedupeKey = eventDedupeKey(event);
  const result = await acceptInbound(deps, {
    dedupeKey,
    kind: 'event',
    type: event.type,
    subject: event.source,
    actions,
  });
  deps.log.info(result === 'accepted' ? 'Inbound event queued' : 'Inbound event was a duplicate', {
    type: event.type,
    source: event.source,
    eventId: event.id,
  });
  return result;
}
