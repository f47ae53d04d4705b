import type { KubernetesVersion } from './kubernetesVersion';
import {
  compareKubernetesVersions,
  formatKubernetesVersion,
  minorDistance,
  minorOf,
  tryParseKubernetesVersion,
} from './kubernetesVersion';
import type { VersionCatalogue } from './versionCatalogue';
import { catalogueMinors, findCatalogueMinor, gaMinors } from './versionCatalogue';

/**
 * AKS support policy, as in upgrades.md §2: the three newest GA minors (N, N-1, N-2) are supported,
 * N-3 gets platform support, anything older is out of support; newer than N is preview.
 * `unknown` means the catalogue has no GA minor to anchor N, or the version does not parse.
 */
export type SupportStatus = 'supported' | 'platformSupport' | 'outOfSupport' | 'preview' | 'unknown';
export const supportStatuses: ReadonlyArray<SupportStatus> = [
  'supported',
  'platformSupport',
  'outOfSupport',
  'preview',
  'unknown',
];

export interface SupportPolicyInput {
  /** The evaluation date (ISO `YYYY-MM-DD` or a full timestamp), supplied by the caller: the domain has no clock. */
  readonly today?: string;
  /** End of community support per minor (`{"1.33": "2026-07-31"}`), from a refreshable data source. */
  readonly endOfSupport?: Readonly<Record<string, string>>;
  /** End of long-term support per minor, used when the cluster is on the AKSLongTermSupport plan. */
  readonly endOfLongTermSupport?: Readonly<Record<string, string>>;
  /** The cluster's `supportPlan`; LTS keeps a minor supported while the catalogue offers it with AKSLongTermSupport. */
  readonly supportPlan?: string;
}

export interface SupportStatusReport {
  readonly status: SupportStatus;
  /** How many GA minors the version is behind the newest GA minor (0 = on N). */
  readonly minorsBehindLatest?: number;
  readonly latestGaMinor?: string;
  readonly endOfSupport?: string;
  /** Whole days from `today` to `endOfSupport` (negative once passed); needs both inputs. */
  readonly daysToEndOfSupport?: number;
}

const millisecondsPerDay = 86_400_000;

function wholeDaysBetween(fromIso: string, toIso: string): number | undefined {
  const from = Date.parse(fromIso.slice(0, 10));
  const to = Date.parse(toIso.slice(0, 10));
  if (Number.isNaN(from) || Number.isNaN(to)) return undefined;
  return Math.round((to - from) / millisecondsPerDay);
}

function statusFromMinorsBehind(behind: number): SupportStatus {
  if (behind < 0) return 'preview';
  if (behind <= 2) return 'supported';
  if (behind === 3) return 'platformSupport';
  return 'outOfSupport';
}

function offeredAsLongTermSupport(catalogue: VersionCatalogue, version: KubernetesVersion): boolean {
  return findCatalogueMinor(catalogue, version)?.supportPlans.includes('AKSLongTermSupport') === true;
}

export function supportStatusOf(
  versionText: string,
  catalogue: VersionCatalogue,
  policy: SupportPolicyInput = {},
): SupportStatusReport {
  const version = tryParseKubernetesVersion(versionText);
  const ga = gaMinors(catalogue);
  const latest = ga.at(-1);
  if (!version || !latest) return { status: 'unknown' };

  const minorsBehindLatest = minorDistance(version, latest.version);
  const onLongTermSupport =
    policy.supportPlan === 'AKSLongTermSupport' && offeredAsLongTermSupport(catalogue, version);
  const endOfSupport = (onLongTermSupport ? policy.endOfLongTermSupport : policy.endOfSupport)?.[
    minorOf(version)
  ];
  const daysToEndOfSupport =
    policy.today && endOfSupport ? wholeDaysBetween(policy.today, endOfSupport) : undefined;

  let status = statusFromMinorsBehind(minorsBehindLatest);
  if (onLongTermSupport && status !== 'preview') status = 'supported';
  // A published end date that has passed wins over a catalogue that has not caught up yet.
  if (status === 'supported' && daysToEndOfSupport !== undefined && daysToEndOfSupport < 0)
    status = onLongTermSupport ? 'outOfSupport' : 'platformSupport';

  return {
    status,
    minorsBehindLatest,
    latestGaMinor: minorOf(latest.version),
    ...(endOfSupport === undefined ? {} : { endOfSupport }),
    ...(daysToEndOfSupport === undefined ? {} : { daysToEndOfSupport }),
  };
}

export interface AvailableUpgrade {
  readonly version: string;
  readonly isPreview: boolean;
}

/**
 * Versions `current` may upgrade to in one step: higher patches of its minor and patches of the next minor.
 * The catalogue's own `upgrades` list for the patch is used when present, but it is filtered by the same
 * rule, so the result never goes backwards and never skips a minor even if the data does. Ascending order.
 */
export function availableUpgrades(currentText: string, catalogue: VersionCatalogue): AvailableUpgrade[] {
  const current = tryParseKubernetesVersion(currentText);
  if (!current) return [];
  const minors = catalogueMinors(catalogue);
  const previewByPatch = new Map<string, boolean>();
  for (const minor of minors)
    for (const patch of minor.patches)
      previewByPatch.set(formatKubernetesVersion(patch.version), patch.isPreview);

  const listed = minors
    .flatMap((minor) => minor.patches)
    .find((patch) => compareKubernetesVersions(patch.version, current) === 0);
  const candidates = listed ? listed.upgrades : [...previewByPatch.keys()];

  const seen = new Set<string>();
  const upgrades: Array<{ parsed: KubernetesVersion; upgrade: AvailableUpgrade }> = [];
  for (const text of candidates) {
    const parsed = tryParseKubernetesVersion(text);
    if (!parsed || parsed.patch === undefined || !isOneStepUpgrade(current, parsed)) continue;
    const key = formatKubernetesVersion(parsed);
    if (seen.has(key)) continue;
    seen.add(key);
    const isPreview = previewByPatch.get(key) ?? findCatalogueMinor(catalogue, parsed)?.isPreview === true;
    upgrades.push({ parsed, upgrade: { version: key, isPreview } });
  }
  return upgrades.sort((a, b) => compareKubernetesVersions(a.parsed, b.parsed)).map((entry) => entry.upgrade);
}

/** Strictly newer, and at most one minor ahead. A minor alias as `current` counts as its lowest patch. */
export function isOneStepUpgrade(current: KubernetesVersion, target: KubernetesVersion): boolean {
  const distance = minorDistance(current, target);
  if (distance === 1) return true;
  return distance === 0 && compareKubernetesVersions(target, current) > 0;
}

export interface VersionRadarEntry {
  readonly currentVersion: string;
  readonly availableUpgrades: ReadonlyArray<AvailableUpgrade>;
  readonly support: SupportStatusReport;
}

/** The radar line for one cluster: its version, one-step upgrades and support status. */
export function versionRadarEntry(
  currentVersion: string,
  catalogue: VersionCatalogue,
  policy: SupportPolicyInput = {},
): VersionRadarEntry {
  return {
    currentVersion,
    availableUpgrades: availableUpgrades(currentVersion, catalogue),
    support: supportStatusOf(currentVersion, catalogue, policy),
  };
}
