import type { InboundAlert } from './commonAlertSchema';
import type { InboundEvent } from './inboundEvent';

/**
 * What makes two deliveries the same fact. Event Grid delivers at least once and keeps an event's `id` across
 * retries; CloudEvents makes `id` unique only within its `source`. An alert is delivered once per state change,
 * so its key is the alert instance and the condition (a Fired and its Resolved are two facts).
 */
export function eventDedupeKey(event: InboundEvent): string {
  return event.format === 'CloudEvents'
    ? `cloudevents|${event.source.toLowerCase()}|${event.id}`
    : `eventgrid|${event.id}`;
}

export function alertDedupeKey(alert: Pick<InboundAlert, 'alertId' | 'monitorCondition'>): string {
  return `alert|${alert.alertId.toLowerCase()}|${alert.monitorCondition}`;
}
