import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors';
import { eventGridDeliverySchema, readEventGridDelivery, MAX_EVENTS_PER_DELIVERY } from '../../../shared/domain/webhookEvents';
import { CLOUD_EVENT_FIXTURE, EVENT_GRID_FIXTURES, fixture, validationEvent } from './fixtures';

const parse = (body: unknown) => eventGridDeliverySchema.parse(body);
const eventGrid = fixture(EVENT_GRID_FIXTURES.nodePoolRollingSucceeded);
const cloudEvent = fixture(CLOUD_EVENT_FIXTURE);
const cloudEventSpelledBySpec = { ...cloudEvent, specVersion: undefined, specversion: '1.0' };

describe('schema detection: what a delivery is, from its content type and shape', () => {
  it.each([
    ['an Event Grid array', [eventGrid], 'application/json', 'EventGridArray', 'EventGrid'],
    ['an Event Grid array, charset given', [eventGrid], 'application/json; charset=utf-8', 'EventGridArray', 'EventGrid'],
    ['one CloudEvent (structured, as published: specVersion)', cloudEvent, 'application/cloudevents+json; charset=utf-8', 'CloudEventsStructured', 'CloudEvents'],
    ['one CloudEvent spelled as the spec (specversion)', cloudEventSpelledBySpec, 'application/cloudevents+json', 'CloudEventsStructured', 'CloudEvents'],
    ['a CloudEvents batch', [cloudEvent, { ...cloudEvent, id: 'second' }], 'application/cloudevents-batch+json', 'CloudEventsBatch', 'CloudEvents'],
    ['a CloudEvents array sent as plain JSON', [cloudEvent], 'application/json', 'CloudEventsBatch', 'CloudEvents'],
  ])('%s', (_name, body, contentType, mode, format) => {
    const delivery = readEventGridDelivery(parse(body), contentType);
    expect(delivery).toMatchObject({ kind: 'events', mode, format });
  });

  it.each([
    ['an array as application/cloudevents+json', [cloudEvent], 'application/cloudevents+json'],
    ['one event as application/cloudevents-batch+json', cloudEvent, 'application/cloudevents-batch+json'],
    ['an Event Grid array as a CloudEvents batch', [eventGrid], 'application/cloudevents-batch+json'],
    ['one CloudEvent as plain JSON', cloudEvent, 'application/json'],
  ])('refuses %s (400: content type and shape disagree)', (_name, body, contentType) => {
    expect(() => readEventGridDelivery(parse(body), contentType)).toThrow(ValidationError);
  });

  it('reads every published AKS example into one event with its topic as source and data intact', () => {
    for (const path of Object.values(EVENT_GRID_FIXTURES)) {
      const published = fixture(path);
      const delivery = readEventGridDelivery(parse([published]), 'application/json');
      expect(delivery).toEqual({
        kind: 'events',
        mode: 'EventGridArray',
        format: 'EventGrid',
        events: [{ format: 'EventGrid', id: published.id, source: published.topic, type: published.eventType, subject: published.subject, time: published.eventTime, data: published.data }],
      });
    }
  });

  it('reads the CloudEvents example with its source, type, time and data', () => {
    const delivery = readEventGridDelivery(parse(cloudEvent), 'application/cloudevents+json');
    expect(delivery.kind === 'events' && delivery.events[0]).toEqual({
      format: 'CloudEvents',
      id: cloudEvent.id,
      source: cloudEvent.source,
      type: cloudEvent.type,
      subject: cloudEvent.subject,
      time: cloudEvent.time,
      data: cloudEvent.data,
    });
  });
});

describe('the subscription validation event', () => {
  const topic = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.EventGrid/systemTopics/aks';

  it('is a validation with its code, URL and topic', () => {
    expect(readEventGridDelivery(parse([validationEvent(topic, 'CODE-1', 'https://eg.example/validate?id=1')]), 'application/json')).toEqual({
      kind: 'validation',
      validationCode: 'CODE-1',
      validationUrl: 'https://eg.example/validate?id=1',
      topic,
    });
  });

  it('must come alone and carry a code', () => {
    expect(() => readEventGridDelivery(parse([validationEvent(topic), eventGrid]), 'application/json')).toThrow(ValidationError);
    const withoutCode = { ...validationEvent(topic), data: { validationUrl: 'https://eg.example' } };
    expect(() => readEventGridDelivery(parse([withoutCode]), 'application/json')).toThrow(ValidationError);
  });
});

describe('bounds and required members', () => {
  it(`takes at most ${MAX_EVENTS_PER_DELIVERY} events per delivery`, () => {
    const events = Array.from({ length: MAX_EVENTS_PER_DELIVERY }, (_, index) => ({ ...eventGrid, id: `e${index}` }));
    expect(eventGridDeliverySchema.safeParse(events).success).toBe(true);
    expect(eventGridDeliverySchema.safeParse([...events, eventGrid]).success).toBe(false);
  });

  it.each([
    ['an empty array', []],
    ['an Event Grid event without id', [{ ...eventGrid, id: undefined }]],
    ['a CloudEvent without specversion', { ...cloudEvent, specVersion: undefined }],
    ['a CloudEvent of version 0.3', { ...cloudEvent, specVersion: '0.3' }],
    ['an id longer than 256', [{ ...eventGrid, id: 'x'.repeat(257) }]],
    ['data with 51 members', [{ ...eventGrid, data: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) }]],
    ['a string', 'hello'],
  ])('refuses %s', (_name, body) => {
    expect(eventGridDeliverySchema.safeParse(body).success).toBe(false);
  });
});
