import fc from 'fast-check';
import type { ClusterVersions, SupportPlan, UpgradeRequest } from '../../../../shared/domain/upgrades';
import type { MinorSpec } from './versions';
import { catalogOf, profileOf } from './versions';

/** A generated region: minors in order, each with its patches and plans; what the oracle reasons from. */
export interface Region {
  readonly minors: ReadonlyArray<{ readonly minor: number; readonly spec: MinorSpec }>;
}

export interface UpgradeCase {
  readonly region: Region;
  readonly sources: { catalog: unknown; upgradeProfile?: unknown };
  readonly profileUpgrades: string[];
  readonly cluster: ClusterVersions;
  readonly request: UpgradeRequest;
}

export const version = (minor: number, patch: number) => `1.${minor}.${patch}`;
export const minorOf = (text: string) => Number(text.split('.')[1]);
export const patchOf = (text: string) => Number(text.split('.')[2]);

/** Consecutive minors (maybe one missing in the middle), the oldest maybe LTS-only, the newest maybe preview. */
const regionArbitrary: fc.Arbitrary<Region> = fc
  .record({
    firstMinor: fc.integer({ min: 22, max: 33 }),
    minorCount: fc.integer({ min: 2, max: 7 }),
    patches: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 3 }), {
      minLength: 7,
      maxLength: 7,
    }),
    ltsOnlyOldest: fc.integer({ min: 0, max: 2 }),
    newestIsPreview: fc.boolean(),
    missingMinorIndex: fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }) },
    ),
  })
  .map(({ firstMinor, minorCount, patches, ltsOnlyOldest, newestIsPreview, missingMinorIndex }) => ({
    minors: Array.from({ length: minorCount }, (_, index) => index)
      .filter((index) => index !== missingMinorIndex || index === minorCount - 1)
      .map((index) => {
        const plans: SupportPlan[] =
          index < ltsOnlyOldest ? ['AKSLongTermSupport'] : ['KubernetesOfficial', 'AKSLongTermSupport'];
        const isNewest = index === minorCount - 1;
        return {
          minor: firstMinor + index,
          spec: {
            patches: [...patches[index]!]
              .sort((a, b) => a - b)
              .map((patch) => version(firstMinor + index, patch)),
            plans,
            preview: isNewest && newestIsPreview && minorCount > 2,
          },
        };
      }),
  }));

const skewLimit = (controlPlaneMinor: number) => (controlPlaneMinor >= 28 ? 3 : 2);

function clusterArbitrary(region: Region): fc.Arbitrary<ClusterVersions> {
  const firstMinor = region.minors[0]!.minor;
  const lastMinor = region.minors.at(-1)!.minor;
  return fc
    .record({
      controlPlaneMinor: fc.integer({ min: firstMinor - 2, max: lastMinor }),
      controlPlanePatch: fc.integer({ min: 0, max: 15 }),
      pools: fc.uniqueArray(
        fc.record({
          name: fc.constantFrom('sys', 'user', 'gpu', 'spot'),
          minorsBehind: fc.integer({ min: 0, max: 3 }),
          patch: fc.integer({ min: 0, max: 15 }),
        }),
        { maxLength: 3, selector: (pool) => pool.name },
      ),
      supportPlan: fc.constantFrom<SupportPlan>('KubernetesOfficial', 'AKSLongTermSupport'),
      autoUpgradeChannel: fc.constantFrom<ClusterVersions['autoUpgradeChannel']>(
        'none',
        'none',
        'none',
        'patch',
        'stable',
      ),
    })
    .map(({ controlPlaneMinor, controlPlanePatch, pools, supportPlan, autoUpgradeChannel }) => {
      const listed = region.minors.find((entry) => entry.minor === controlPlaneMinor)?.spec.patches;
      const controlPlane = listed
        ? listed[controlPlanePatch % listed.length]!
        : version(controlPlaneMinor, controlPlanePatch);
      const nodePools = Object.fromEntries(
        pools.map(({ name, minorsBehind, patch }) => {
          const behind = Math.min(minorsBehind, skewLimit(controlPlaneMinor));
          const poolPatch = behind === 0 ? Math.min(patch, patchOf(controlPlane)) : patch;
          return [name, version(controlPlaneMinor - behind, poolPatch)];
        }),
      );
      return { controlPlane, nodePools, supportPlan, autoUpgradeChannel };
    });
}

/** Mostly targets at or above the control plane's minor, so that most requests can be planned. */
function requestArbitrary(region: Region, cluster: ClusterVersions): fc.Arbitrary<UpgradeRequest> {
  const patches = region.minors.flatMap((entry) => entry.spec.patches);
  const upward = patches.filter((text) => minorOf(text) >= minorOf(cluster.controlPlane));
  const aliases = region.minors.map((entry) => `1.${entry.minor}`);
  return fc.record(
    {
      target: fc.oneof(
        {
          weight: upward.length > 0 ? 6 : 0,
          arbitrary: fc.constantFrom(...(upward.length > 0 ? upward : patches)),
        },
        { weight: 2, arbitrary: fc.constantFrom(...patches) },
        { weight: 2, arbitrary: fc.constantFrom(...aliases) },
      ),
      upgradeType: fc.constantFrom<UpgradeRequest['upgradeType']>(
        'Full',
        'Full',
        'ControlPlaneOnly',
        'NodePoolOnly',
      ),
      targetPool: fc.constantFrom(
        ...(Object.keys(cluster.nodePools).length > 0 ? Object.keys(cluster.nodePools) : ['sys']),
      ),
      allowPreview: fc.boolean(),
    },
    { requiredKeys: ['target', 'upgradeType'] },
  );
}

/** Any offered versions above the control plane, like a profile that may list skip targets. */
function profileArbitrary(region: Region, cluster: ClusterVersions): fc.Arbitrary<string[] | undefined> {
  const above = region.minors
    .flatMap((entry) => entry.spec.patches)
    .filter(
      (text) =>
        minorOf(text) > minorOf(cluster.controlPlane) ||
        (minorOf(text) === minorOf(cluster.controlPlane) && patchOf(text) > patchOf(cluster.controlPlane)),
    );
  return fc.option(fc.subarray(above), { nil: undefined });
}

export const upgradeCaseArbitrary: fc.Arbitrary<UpgradeCase> = regionArbitrary.chain((region) =>
  clusterArbitrary(region).chain((cluster) =>
    fc
      .tuple(requestArbitrary(region, cluster), profileArbitrary(region, cluster))
      .map(([request, profile]) => ({
        region,
        cluster,
        request,
        profileUpgrades: profile ?? [],
        sources: {
          catalog: catalogOf(
            Object.fromEntries(region.minors.map((entry) => [`1.${entry.minor}`, entry.spec])),
          ),
          ...(profile ? { upgradeProfile: profileOf(cluster.controlPlane, profile) } : {}),
        },
      })),
  ),
);

export { skewLimit };
