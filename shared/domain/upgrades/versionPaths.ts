import type { KubernetesVersion } from '../fleet/kubernetesVersion';
import { isPermittedSkip } from './skipRules';
import type { UpgradeType } from './types';
import type { VersionSpace } from './versionSpace';
import type { ExactVersion } from './versions';
import { nextMinor, parseExactVersion } from './versions';
import { compareKubernetesVersions, minorDistance } from '../fleet/kubernetesVersion';

export type PathResult = { readonly hops: ExactVersion[] } | { readonly missingMinor: KubernetesVersion };

export interface PathOptions {
  readonly allowPreview: boolean;
  readonly upgradeType: UpgradeType;
}

/**
 * The control plane's hops from `from` to `target`: same minor → `[target]`; else the newest eligible GA
 * patch of every intermediate minor, then `target`. A full upgrade may open with a permitted skip hop
 * (the furthest one the upgrade profile offers on the way). An intermediate minor the region does not
 * offer for the plan leaves no path.
 */
export function controlPlanePath(
  space: VersionSpace,
  from: ExactVersion,
  target: ExactVersion,
  options: PathOptions,
): PathResult {
  if (compareKubernetesVersions(target, from) <= 0) return { hops: [] };
  const skipHop = furthestSkipHop(space, from, target, options);
  const start = skipHop ?? from;
  const rest = minorByMinorPath(space, start, target, options.allowPreview);
  if ('missingMinor' in rest) return rest;
  return { hops: skipHop ? [skipHop, ...rest.hops] : rest.hops };
}

/** Minor by minor from `from` to `target` (the way pools always travel, one minor per operation). */
export function minorByMinorPath(
  space: VersionSpace,
  from: ExactVersion,
  target: ExactVersion,
  allowPreview: boolean,
): PathResult {
  const hops: ExactVersion[] = [];
  let current = from;
  while (minorDistance(current, target) > 1) {
    const minor = nextMinor(current);
    const stop = space.latestPatch(minor, allowPreview);
    if (!stop) return { missingMinor: minor };
    hops.push(stop);
    current = stop;
  }
  if (compareKubernetesVersions(target, current) > 0) hops.push(target);
  return { hops };
}

function furthestSkipHop(
  space: VersionSpace,
  from: ExactVersion,
  target: ExactVersion,
  options: PathOptions,
): ExactVersion | undefined {
  return space.profileUpgrades
    .map((entry) => parseExactVersion(entry.kubernetesVersion))
    .filter((hop): hop is ExactVersion => hop !== undefined && compareKubernetesVersions(hop, target) <= 0)
    .filter((hop) => options.allowPreview || !space.isPreview(hop))
    .filter((hop) => isPermittedSkip(space, from, hop, options.upgradeType))
    .sort(compareKubernetesVersions)
    .at(-1);
}
