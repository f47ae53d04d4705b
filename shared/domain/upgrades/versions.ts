import type { KubernetesVersion } from '../fleet/kubernetesVersion';
import {
  compareKubernetesVersions,
  minorDistance,
  tryParseKubernetesVersion,
} from '../fleet/kubernetesVersion';

/** A version with all three parts, as clusters and pools report them. */
export interface ExactVersion extends KubernetesVersion {
  readonly patch: number;
}

export function parseExactVersion(text: string): ExactVersion | undefined {
  const version = tryParseKubernetesVersion(text);
  return version?.patch === undefined ? undefined : (version as ExactVersion);
}

/** `1.33` (no patch): ARM resolves it to the latest GA patch of that minor. */
export function isMinorAlias(text: string): boolean {
  const version = tryParseKubernetesVersion(text);
  return version !== undefined && version.patch === undefined;
}

/** The minor right after `version`'s (same major). */
export function nextMinor(version: KubernetesVersion): KubernetesVersion {
  return { major: version.major, minor: version.minor + 1 };
}

const threeMinorSkewSince: KubernetesVersion = { major: 1, minor: 28 };

/**
 * How many minors a pool may trail the control plane: 3 once the control plane is on 1.28 or later
 * (supported-kubernetes-versions, upgrade-aks-control-plane), 2 before.
 */
export function maxPoolMinorsBehind(controlPlane: KubernetesVersion): number {
  return minorDistance(threeMinorSkewSince, controlPlane) >= 0 ? 3 : 2;
}

/** True when a pool on `pool` may run under a control plane on `controlPlane` (skew and "never newer"). */
export function poolWithinSkew(controlPlane: ExactVersion, pool: ExactVersion): boolean {
  if (compareKubernetesVersions(pool, controlPlane) > 0) return false;
  return minorDistance(pool, controlPlane) <= maxPoolMinorsBehind(controlPlane);
}
