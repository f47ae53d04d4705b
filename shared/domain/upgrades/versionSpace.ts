import type { KubernetesVersion } from '../fleet/kubernetesVersion';
import { catalogueMinors } from '../fleet/versionCatalogue';
import type { ProfileUpgrade } from './armShapes';
import { readCatalogue, readControlPlaneUpgrades } from './armShapes';
import type { SupportPlan, VersionSources } from './types';
import type { ExactVersion } from './versions';
import { parseExactVersion } from './versions';
import { compareKubernetesVersions, compareMinors, formatKubernetesVersion, minorDistance } from '../fleet/kubernetesVersion';

export interface OfferedPatch {
  readonly version: ExactVersion;
  readonly isPreview: boolean;
}

export interface OfferedMinor {
  readonly version: KubernetesVersion;
  readonly isPreview: boolean;
  readonly longTermSupport: boolean;
  readonly community: boolean;
  /** Ascending. */
  readonly patches: ReadonlyArray<OfferedPatch>;
}

const longTermSupport = 'AKSLongTermSupport';
const community = 'KubernetesOfficial';

/**
 * The versions a cluster on a given support plan may use: the region's catalogue minors whose
 * `supportPlan` holds the plan (an LTS cluster may also use community minors; a minor without
 * capabilities counts as community), plus the cluster's upgrade profile for its first hop.
 */
export class VersionSpace {
  private constructor(
    readonly plan: SupportPlan,
    /** Eligible minors, ascending. */
    readonly minors: ReadonlyArray<OfferedMinor>,
    readonly profileUpgrades: ReadonlyArray<ProfileUpgrade>,
  ) {}

  static of(sources: VersionSources, plan: SupportPlan): VersionSpace {
    const offered = catalogueMinors(readCatalogue(sources.catalog)).map((entry) => {
      const plans = entry.supportPlans;
      return {
        version: entry.version,
        isPreview: entry.isPreview,
        longTermSupport: plans.includes(longTermSupport),
        community: plans.length === 0 || plans.includes(community),
        patches: entry.patches.flatMap((patch) => {
          const version = parseExactVersion(patch.text);
          return version ? [{ version, isPreview: entry.isPreview }] : [];
        }),
      };
    });
    const eligible = offered.filter((minor) =>
      plan === longTermSupport ? minor.community || minor.longTermSupport : minor.community,
    );
    return new VersionSpace(plan, eligible, readControlPlaneUpgrades(sources.upgradeProfile));
  }

  get isLongTermSupport(): boolean {
    return this.plan === longTermSupport;
  }

  minor(version: KubernetesVersion): OfferedMinor | undefined {
    return this.minors.find((minor) => compareMinors(minor.version, version) === 0);
  }

  /** "Unsupported" in the AKS sense: the minor is not offered for the cluster's plan. */
  isSupportedMinor(version: KubernetesVersion): boolean {
    return this.minor(version) !== undefined;
  }

  /** The newest GA patch of a minor; a preview patch only when allowed and no GA patch exists. */
  latestPatch(minorVersion: KubernetesVersion, allowPreview: boolean): ExactVersion | undefined {
    const minor = this.minor(minorVersion);
    if (!minor) return undefined;
    const ga = minor.patches.filter((patch) => !this.isPreview(patch.version));
    const usable = ga.length > 0 ? ga : allowPreview ? minor.patches : [];
    return usable.at(-1)?.version;
  }

  /** Offered in the catalogue for the plan, or listed by the cluster's own upgrade profile. */
  isOffered(version: ExactVersion): boolean {
    const inCatalogue = this.minor(version)?.patches.some(
      (patch) => compareKubernetesVersions(patch.version, version) === 0,
    );
    return inCatalogue === true || this.isListedInProfile(version);
  }

  isPreview(version: ExactVersion): boolean {
    if (this.minor(version)?.isPreview) return true;
    return this.profileEntry(version)?.isPreview === true;
  }

  isListedInProfile(version: ExactVersion): boolean {
    return this.profileEntry(version) !== undefined;
  }

  /** A minor the catalogue marks as available under AKSLongTermSupport. */
  supportsLongTermSupport(version: KubernetesVersion): boolean {
    return this.minor(version)?.longTermSupport === true;
  }

  /** The oldest GA community minor: where an unsupported cluster may jump back into support. */
  lowestSupportedCommunityMinor(): KubernetesVersion | undefined {
    return this.minors.find((minor) => minor.community && !minor.isPreview)?.version;
  }

  /**
   * What the control plane could go to in one request, newest first, as AKS lists it in a rejection:
   * the upgrade profile's list when given, else the catalogue's higher patches of this and the next minor.
   */
  oneStepUpgrades(from: ExactVersion, allowPreview: boolean): string[] {
    const listed = this.profileUpgrades
      .map((entry) => parseExactVersion(entry.kubernetesVersion))
      .filter((version): version is ExactVersion => version !== undefined);
    const candidates =
      listed.length > 0
        ? listed
        : this.minors
            .flatMap((minor) => minor.patches.map((patch) => patch.version))
            .filter((version) => minorDistance(from, version) <= 1);
    return candidates
      .filter((version) => compareKubernetesVersions(version, from) > 0)
      .filter((version) => allowPreview || !this.isPreview(version))
      .sort((a, b) => compareKubernetesVersions(b, a))
      .map(formatKubernetesVersion);
  }

  private profileEntry(version: ExactVersion): ProfileUpgrade | undefined {
    return this.profileUpgrades.find((entry) => {
      const listed = parseExactVersion(entry.kubernetesVersion);
      return listed !== undefined && compareKubernetesVersions(listed, version) === 0;
    });
  }
}
