import { z } from 'zod';

export const storedResponseSchema = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  body: z.unknown().optional(),
});

export const idempotencyRecordSchema = z.object({
  key: z.string(),
  requestHash: z.string(),
  state: z.enum(['InProgress', 'Completed']),
  createdAt: z.iso.datetime(),
  response: storedResponseSchema.optional(),
  /** Set as soon as the request has recorded an ARM operation, before ARM is called. */
  operationId: z.string().optional(),
});

export type StoredResponse = z.infer<typeof storedResponseSchema>;
export type IdempotencyRecord = z.infer<typeof idempotencyRecordSchema>;

/** Idempotency-Key values we accept: printable, bounded, safe as a Table row key. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1-128 characters of letters, digits, . _ : -');
