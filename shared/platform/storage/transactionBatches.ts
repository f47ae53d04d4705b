/** Azure Tables: an entity-group transaction holds at most 100 operations and 4 MiB, all in one partition. */
export const MAX_TRANSACTION_OPERATIONS = 100;
/** Below the 4 MiB request limit, leaving room for the multipart framing of each operation. */
export const MAX_TRANSACTION_BYTES = 3.5 * 1024 * 1024;

export interface BatchLimits {
  maxOperations: number;
  maxBytes: number;
}

/**
 * Splits items, in order, into consecutive batches within both limits. An item bigger than `maxBytes` on
 * its own still gets a batch of its own (the service then decides; entities are capped at 1 MiB anyway).
 */
export function transactionBatches<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  limits: BatchLimits = { maxOperations: MAX_TRANSACTION_OPERATIONS, maxBytes: MAX_TRANSACTION_BYTES },
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let currentBytes = 0;
  for (const item of items) {
    const bytes = sizeOf(item);
    const full = current.length >= limits.maxOperations || currentBytes + bytes > limits.maxBytes;
    if (current.length > 0 && full) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(item);
    currentBytes += bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
