import { randomBytes } from 'node:crypto';
import { clusterResourceId } from '../model';
import type { AksEvent } from './aksEventFeed';

export type EventSchema = 'EventGrid' | 'CloudEvents';

/** What goes on the wire for one delivery: the body and its content type. */
export interface EventDeliveryBody {
  eventId: string;
  contentType: string;
  body: unknown;
}

/** Event ids as in the published examples: 40 hex digits. */
export function newEventId(): string {
  return randomBytes(20).toString('hex');
}

/** `2021-07-01T04:52:57.0000000Z`: Event Grid's seven fractional digits. */
export function eventGridTime(iso: string): string {
  const date = new Date(iso);
  return `${date.toISOString().slice(0, 19)}.${String(date.getUTCMilliseconds()).padStart(3, '0')}0000Z`;
}

/**
 * The envelope Event Grid delivers an AKS event in (eventgrid fixtures): an Event Grid array of one event (the
 * default `maxEventsPerBatch`), or one CloudEvent in structured mode. `topic`/`source` is the cluster's id and
 * `subject` its name. CloudEvents are sent with `specversion` as the specification spells it.
 */
export function envelopeOf(event: AksEvent, schema: EventSchema, eventId = newEventId()): EventDeliveryBody {
  const source = clusterResourceId(event.cluster);
  const time = eventGridTime(event.time);
  if (schema === 'CloudEvents') {
    return {
      eventId,
      contentType: 'application/cloudevents+json; charset=utf-8',
      body: { source, subject: event.cluster.name, type: event.type, time, id: eventId, data: event.data, specversion: '1.0' },
    };
  }
  return {
    eventId,
    contentType: 'application/json; charset=utf-8',
    body: [
      { topic: source, subject: event.cluster.name, eventType: event.type, id: eventId, data: event.data, dataVersion: '1', metadataVersion: '1', eventTime: time },
    ],
  };
}

/** The one-event array Event Grid posts when a webhook subscription is created (EventGrid.json). */
export function validationEventOf(topic: string, validationCode: string, validationUrl: string, time: string): unknown[] {
  return [
    {
      id: newEventId(),
      topic,
      subject: '',
      data: { validationCode, validationUrl },
      eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
      eventTime: eventGridTime(time),
      metadataVersion: '1',
      dataVersion: '1',
    },
  ];
}
