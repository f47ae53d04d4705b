import { ValidationError } from '../../domain/errors';
import { idempotencyKeySchema } from './idempotencyRecord';

/** The Idempotency-Key header, checked to be a safe row key; absent stays undefined. */
export function idempotencyKeyFromHeader(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const parsed = idempotencyKeySchema.safeParse(header.trim());
  if (parsed.success) return parsed.data;
  throw new ValidationError('The Idempotency-Key header is invalid.', [
    { path: 'Idempotency-Key', code: 'invalid_header', message: parsed.error.issues[0]?.message ?? 'invalid' },
  ]);
}
