import { ValidationError } from '../errors';
import {
  SUBSCRIPTION_VALIDATION_EVENT,
  type CloudEvent,
  type EventGridDeliveryBody,
  type EventGridEvent,
} from './eventGridDelivery';
import type { EventFormat, InboundEvent } from './inboundEvent';

/** The ways Event Grid delivers to a webhook, told apart by content type and shape. */
export type DeliveryMode = 'EventGridArray' | 'CloudEventsBatch' | 'CloudEventsStructured';

/** What one delivery asks of the receiver: answer the validation handshake, or take events. */
export type EventGridDelivery =
  | { kind: 'validation'; validationCode: string; validationUrl?: string; topic?: string }
  | { kind: 'events'; mode: DeliveryMode; format: EventFormat; events: InboundEvent[] };

/**
 * Reads a delivery already checked against `eventGridDeliverySchema`. The content type must agree with the
 * shape: `application/cloudevents+json` is one event, `application/cloudevents-batch+json` a CloudEvents array,
 * plain JSON an Event Grid array (or a CloudEvents one). A validation event must come alone.
 */
export function readEventGridDelivery(body: EventGridDeliveryBody, contentType: string): EventGridDelivery {
  const mode = deliveryModeOf(body);
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const expected = EXPECTED_MODE[mediaType];
  if (expected && !expected.includes(mode)) {
    throw new ValidationError(`A ${mediaType} body must be ${expected.join(' or ')}; this one is ${mode}.`, [
      { path: '', code: 'content_type_mismatch', message: `${mediaType} does not match the body's shape` },
    ]);
  }
  if (mode === 'EventGridArray') return readEventGridArray(body as EventGridEvent[]);
  const events = (Array.isArray(body) ? body : [body]) as CloudEvent[];
  return { kind: 'events', mode, format: 'CloudEvents', events: events.map(fromCloudEvent) };
}

const EXPECTED_MODE: Record<string, DeliveryMode[]> = {
  'application/cloudevents+json': ['CloudEventsStructured'],
  'application/cloudevents-batch+json': ['CloudEventsBatch'],
  'application/json': ['EventGridArray', 'CloudEventsBatch'],
};

export function deliveryModeOf(body: EventGridDeliveryBody): DeliveryMode {
  if (!Array.isArray(body)) return 'CloudEventsStructured';
  return body.every((event) => 'eventType' in event) ? 'EventGridArray' : 'CloudEventsBatch';
}

function readEventGridArray(events: EventGridEvent[]): EventGridDelivery {
  const validations = events.filter((event) => event.eventType === SUBSCRIPTION_VALIDATION_EVENT);
  if (validations.length === 0)
    return {
      kind: 'events',
      mode: 'EventGridArray',
      format: 'EventGrid',
      events: events.map(fromEventGridEvent),
    };
  const [validation] = validations;
  const code = validation?.data?.['validationCode'];
  if (events.length !== 1 || typeof code !== 'string' || code === '' || code.length > 256) {
    throw new ValidationError('A subscription validation event comes alone and carries a validationCode.', [
      {
        path: '0.data.validationCode',
        code: 'invalid_validation_event',
        message: 'one validation event with a validationCode',
      },
    ]);
  }
  const url = validation?.data?.['validationUrl'];
  return {
    kind: 'validation',
    validationCode: code,
    ...(typeof url === 'string' && url !== '' ? { validationUrl: url } : {}),
    ...(validation?.topic ? { topic: validation.topic } : {}),
  };
}

function fromEventGridEvent(event: EventGridEvent): InboundEvent {
  return {
    format: 'EventGrid',
    id: event.id,
    source: event.topic ?? '',
    type: event.eventType,
    subject: event.subject,
    time: event.eventTime,
    data: event.data ?? {},
  };
}

function fromCloudEvent(event: CloudEvent): InboundEvent {
  return {
    format: 'CloudEvents',
    id: event.id,
    source: event.source,
    type: event.type,
    ...(event.subject === undefined ? {} : { subject: event.subject }),
    ...(event.time === undefined ? {} : { time: event.time }),
    data: event.data ?? {},
  };
}
