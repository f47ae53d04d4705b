import type { KubernetesVersion } from '../fleet/kubernetesVersion';
import { compareKubernetesVersions, compareMinors, formatKubernetesVersion, minorDistance, tryParseKubernetesVersion } from '../fleet/kubernetesVersion';
import { gaMinors } from '../fleet/versionCatalogue';
import { readCatalogue } from './armShapes';
import type { AutoUpgradeDecision, AutoUpgradeInput } from './types';
import type { ExactVersion } from './versions';
import { nextMinor, parseExactVersion } from './versions';

export const autoUpgradeReasons = {
  moreThanOneMinorBehind: 'MORE_THAN_ONE_MINOR_BEHIND',
  minorNotOffered: 'MINOR_NOT_OFFERED',
  notAVersion: 'NOT_A_VERSION',
} as const;

/**
 * What cluster auto-upgrade (auto-upgrade-cluster.md) or a Fleet auto-upgrade profile with the
 * TargetKubernetesVersion channel (kubernetes-fleet concepts-update-orchestration.md) would do next,
 * as the hops it would take, GA versions only:
 * patch → newest patch of the current minor; stable → newest patch of N-1; rapid → newest patch of N
 * (minor by minor when behind, never past the channel's minor, nothing when already past it);
 * TargetKubernetesVersion → newest patch of the target minor, but never more than one minor ahead.
 */
export function autoUpgradeTarget(input: AutoUpgradeInput): AutoUpgradeDecision {
  if (input.channel === 'none' || input.channel === 'node-image') return { hops: [] };
  const current = parseExactVersion(input.current);
  if (!current) return { hops: [], reason: autoUpgradeReasons.notAVersion };
  const offered = offeredGaVersions(input);
  switch (input.channel) {
    case 'patch':
      return { hops: newerPatchOf(current, current, offered) };
    case 'stable':
    case 'rapid':
      return hopsTowardsMinor(current, channelMinor(input.channel, offered), offered);
    case 'TargetKubernetesVersion':
      return towardsTargetMinor(current, input.targetKubernetesVersion, offered);
  }
}

/** N is the newest GA minor offered; stable follows N-1. */
function channelMinor(channel: 'stable' | 'rapid', offered: ExactVersion[]): KubernetesVersion | undefined {
  const newest = offered.at(-1);
  if (!newest) return undefined;
  return channel === 'rapid' ? newest : { major: newest.major, minor: newest.minor - 1 };
}

function hopsTowardsMinor(
  current: ExactVersion,
  goal: KubernetesVersion | undefined,
  offered: ExactVersion[],
): AutoUpgradeDecision {
  if (!goal || minorDistance(current, goal) < 0) return { hops: [] };
  if (minorDistance(current, goal) === 0) return { hops: newerPatchOf(current, current, offered) };
  const hops: string[] = [];
  for (let minor = nextMinor(current); minorDistance(minor, goal) >= 0; minor = nextMinor(minor)) {
    const newest = newestPatchOf(minor, offered);
    if (!newest) return { hops, reason: autoUpgradeReasons.minorNotOffered };
    hops.push(formatKubernetesVersion(newest));
  }
  return { hops };
}

function towardsTargetMinor(
  current: ExactVersion,
  targetText: string | undefined,
  offered: ExactVersion[],
): AutoUpgradeDecision {
  const target = targetText === undefined ? undefined : tryParseKubernetesVersion(targetText);
  if (!target) return { hops: [], reason: autoUpgradeReasons.notAVersion };
  const distance = minorDistance(current, target);
  if (distance < 0) return { hops: [] };
  if (distance > 1) return { hops: [], reason: autoUpgradeReasons.moreThanOneMinorBehind };
  const newest = newestPatchOf(target, offered);
  if (!newest) return { hops: [], reason: autoUpgradeReasons.minorNotOffered };
  return { hops: compareKubernetesVersions(newest, current) > 0 ? [formatKubernetesVersion(newest)] : [] };
}

function newerPatchOf(current: ExactVersion, minor: KubernetesVersion, offered: ExactVersion[]): string[] {
  const newest = newestPatchOf(minor, offered);
  return newest && compareKubernetesVersions(newest, current) > 0 ? [formatKubernetesVersion(newest)] : [];
}

function newestPatchOf(minor: KubernetesVersion, offered: ExactVersion[]): ExactVersion | undefined {
  return offered.filter((version) => compareMinors(version, minor) === 0).at(-1);
}

/** The `available` list when given, else the catalogue's GA community patches; ascending. */
function offeredGaVersions(input: AutoUpgradeInput): ExactVersion[] {
  const texts =
    input.available ??
    gaMinors(readCatalogue(input.catalog)).flatMap((minor) => minor.patches.map((patch) => patch.text));
  return texts
    .map(parseExactVersion)
    .filter((version): version is ExactVersion => version !== undefined)
    .sort(compareKubernetesVersions);
}
