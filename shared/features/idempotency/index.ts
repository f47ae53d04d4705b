export { IdempotencyStore, type IdempotencyStart } from './idempotencyStore';
export { idempotencyKeyFromHeader } from './idempotencyKeyHeader';
