import { z } from 'zod';
import { boundedDataSchema } from './boundedData';
import {
  MAX_EVENT_ID_LENGTH,
  MAX_EVENT_TYPE_LENGTH,
  MAX_RESOURCE_PATH_LENGTH,
  MAX_SHORT_TEXT_LENGTH,
} from './inboundLimits';

/** The envelope an event came in. */
export const EVENT_FORMATS = ['EventGrid', 'CloudEvents'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

/** One delivered event, whatever its envelope: `source` is the Event Grid `topic` or the CloudEvents `source`. */
export const inboundEventSchema = z.object({
  format: z.enum(EVENT_FORMATS),
  id: z.string().min(1).max(MAX_EVENT_ID_LENGTH),
  source: z.string().max(MAX_RESOURCE_PATH_LENGTH),
  type: z.string().min(1).max(MAX_EVENT_TYPE_LENGTH),
  subject: z.string().max(MAX_RESOURCE_PATH_LENGTH).optional(),
  time: z.string().max(MAX_SHORT_TEXT_LENGTH).optional(),
  data: boundedDataSchema,
});

export type InboundEvent = z.infer<typeof inboundEventSchema>;
