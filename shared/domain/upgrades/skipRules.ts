import type { VersionSpace } from './versionSpace';
import type { UpgradeType } from './types';
import type { ExactVersion } from './versions';
import { compareMinors, minorDistance } from '../fleet/kubernetesVersion';

/**
 * May the control plane jump from `from` to `hop`, skipping minors? Only on a full upgrade, only to a
 * version the cluster's upgrade profile offers, and only on the two documented paths
 * (long-term-support.md, supported-kubernetes-versions.md FAQ): an LTS cluster to a higher LTS minor,
 * and an unsupported community cluster back to the lowest supported minor.
 */
export function isPermittedSkip(
  space: VersionSpace,
  from: ExactVersion,
  hop: ExactVersion,
  upgradeType: UpgradeType,
): boolean {
  if (upgradeType !== 'Full' || minorDistance(from, hop) < 2 || !space.isListedInProfile(hop)) return false;
  if (space.isLongTermSupport) return space.supportsLongTermSupport(hop);
  const lowestSupported = space.lowestSupportedCommunityMinor();
  return !space.isSupportedMinor(from) && lowestSupported !== undefined && compareMinors(hop, lowestSupported) === 0;
}
