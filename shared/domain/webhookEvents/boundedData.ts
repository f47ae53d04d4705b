import { z } from 'zod';
import { MAX_DATA_KEY_LENGTH, MAX_DATA_MEMBERS } from './inboundLimits';

/** A JSON object of at most MAX_DATA_MEMBERS members (an event's `data`, an alert's context). */
export const boundedDataSchema = z
  .record(z.string().max(MAX_DATA_KEY_LENGTH), z.unknown())
  .refine((data) => Object.keys(data).length <= MAX_DATA_MEMBERS, {
    error: `at most ${MAX_DATA_MEMBERS} members`,
  })
  .meta({ maxProperties: MAX_DATA_MEMBERS });
