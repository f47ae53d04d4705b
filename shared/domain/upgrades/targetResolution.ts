import type { KubernetesVersion } from '../fleet/kubernetesVersion';
import { compareMinors, tryParseKubernetesVersion } from '../fleet/kubernetesVersion';
import type { VersionSpace } from './versionSpace';
import type { ExactVersion } from './versions';

export interface TargetResolution {
  /** What was asked for; a minor alias has no patch. */
  readonly requested: KubernetesVersion;
  /** The `x.y.z` it stands for, when there is one. */
  readonly resolved?: ExactVersion;
}

/**
 * ARM semantics for `kubernetesVersion`/`orchestratorVersion`: `x.y.z` is taken as is; an alias `x.y`
 * resolves to the newest GA patch of that minor (a preview patch when the minor has nothing else, so
 * the preview rule can reject it), and an alias of the control plane's current minor is a no-op:
 * it stands for the control plane's current version.
 */
export function resolveTarget(
  text: string,
  controlPlane: ExactVersion,
  space: VersionSpace,
): TargetResolution | undefined {
  const requested = tryParseKubernetesVersion(text);
  if (!requested) return undefined;
  if (requested.patch !== undefined) return { requested, resolved: requested as ExactVersion };
  if (compareMinors(requested, controlPlane) === 0) return { requested, resolved: controlPlane };
  const resolved = space.latestPatch(requested, true);
  return resolved ? { requested, resolved } : { requested };
}
