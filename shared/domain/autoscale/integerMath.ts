/** Go's int32 bounds: the HPA counts replicas in int32. */
export const MAX_INT32 = 2_147_483_647;
export const MIN_INT32 = -2_147_483_648;

/**
 * Go's int64 division (truncates toward zero). Exact for safe integers, which is what the HPA's
 * milli-values are; anything else falls back to floating point.
 */
export function truncatedQuotient(dividend: number, divisor: number): number {
  if (Number.isSafeInteger(dividend) && Number.isSafeInteger(divisor)) {
    return Number(BigInt(dividend) / BigInt(divisor));
  }
  return Math.trunc(dividend / divisor);
}

/** A replica count computed in float64, saturated at MaxInt32 as the HPA does since 1.33. */
export function replicasFromFloat(replicas: number): number {
  return replicas > MAX_INT32 ? MAX_INT32 : replicas;
}

/** Go's int64 `part * 100 / whole`, exact for safe integers. */
export function truncatedPercent(part: number, whole: number): number {
  if (Number.isSafeInteger(part) && Number.isSafeInteger(whole)) {
    return Number((BigInt(part) * 100n) / BigInt(whole));
  }
  return Math.trunc((part * 100) / whole);
}

export function sumOf(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
