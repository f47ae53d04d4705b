import { z } from 'zod';
import { boundedDataSchema } from './boundedData';
import {
  MAX_EVENTS_PER_DELIVERY,
  MAX_EVENT_ID_LENGTH,
  MAX_EVENT_TYPE_LENGTH,
  MAX_RESOURCE_PATH_LENGTH,
  MAX_SHORT_TEXT_LENGTH,
} from './inboundLimits';

/** Event Grid's own event type for the subscription validation handshake. */
export const SUBSCRIPTION_VALIDATION_EVENT = 'Microsoft.EventGrid.SubscriptionValidationEvent';

const eventId = z.string().min(1).max(MAX_EVENT_ID_LENGTH);
const eventType = z.string().min(1).max(MAX_EVENT_TYPE_LENGTH);
const resourcePath = z.string().min(1).max(MAX_RESOURCE_PATH_LENGTH);
const shortText = z.string().max(MAX_SHORT_TEXT_LENGTH);

/** `EventGridEvent` of the Event Grid schema (EventGrid.json, 2018-01-01); unknown members are dropped. */
export const eventGridEventSchema = z
  .object({
    id: eventId,
    topic: resourcePath.optional(),
    subject: z.string().max(MAX_RESOURCE_PATH_LENGTH),
    eventType,
    eventTime: shortText,
    data: boundedDataSchema.nullable().optional(),
    dataVersion: shortText,
    metadataVersion: shortText.optional(),
  })
  .meta({ id: 'EventGridEvent', description: 'An event in the Event Grid schema.' });

/**
 * `CloudEventEvent` (CloudEvents 1.0 JSON). The published AKS example spells the version `specVersion`, the
 * specification `specversion`: either is taken, and it must be 1.0.
 */
export const cloudEventSchema = z
  .object({
    id: eventId,
    source: resourcePath,
    type: eventType,
    specversion: z.literal('1.0').optional(),
    specVersion: z.literal('1.0').optional(),
    subject: z.string().max(MAX_RESOURCE_PATH_LENGTH).optional(),
    time: shortText.optional(),
    datacontenttype: shortText.optional(),
    dataschema: z.string().max(MAX_RESOURCE_PATH_LENGTH).optional(),
    data: boundedDataSchema.nullable().optional(),
  })
  .refine((event) => event.specversion !== undefined || event.specVersion !== undefined, {
    error: 'specversion "1.0" is required',
    path: ['specversion'],
  })
  .meta({ id: 'CloudEvent', description: 'A CloudEvents 1.0 event in JSON (structured mode).' });

/** What `POST /api/webhooks/eventgrid` accepts: an Event Grid array, a CloudEvents batch or one CloudEvent. */
export const eventGridDeliverySchema = z.union([
  z.array(eventGridEventSchema).min(1).max(MAX_EVENTS_PER_DELIVERY),
  z.array(cloudEventSchema).min(1).max(MAX_EVENTS_PER_DELIVERY),
  cloudEventSchema,
]);

export type EventGridEvent = z.infer<typeof eventGridEventSchema>;
export type CloudEvent = z.infer<typeof cloudEventSchema>;
export type EventGridDeliveryBody = z.infer<typeof eventGridDeliverySchema>;
