export const DEFAULT_TOLERANCE = 0.1;

/**
 * The HPA's dead band: no change while the usage ratio lies within [1 - tolerance, 1 + tolerance],
 * bounds included. Written as upstream writes it, so float64 boundaries fall the same way
 * (a ratio of exactly 1.1 does not scale with the 0.1 default).
 */
export function isWithinTolerance(usageRatio: number, tolerance: number): boolean {
  return 1.0 - tolerance <= usageRatio && usageRatio <= 1.0 + tolerance;
}
