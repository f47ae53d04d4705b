import type { ClusterSpec } from './clusterSpec';
import type { NodePoolSpec } from './nodePoolSpec';
import { linuxOsSkus, windowsOsSkus } from './nodePoolSpec';
import type { KubernetesVersion } from './kubernetesVersion';
import {
  compareKubernetesVersions,
  compareMinors,
  minorDistance,
  tryParseKubernetesVersion,
} from './kubernetesVersion';
import { aksDefaults, defaultPodCidr, effectivePoolCount } from './effectiveDefaults';
import { cidrContains, cidrsOverlap, parseCidr, parseIpv4 } from './ipv4';
import type { Violation } from './violation';
import { describeVmSize } from './vmSizes';

export const aksRuleCodes = {
  invalidPoolName: 'InvalidPoolName',
  windowsPoolNameTooLong: 'WindowsPoolNameTooLong',
  duplicatePoolName: 'DuplicatePoolName',
  systemPoolRequired: 'SystemPoolRequired',
  systemPoolMustBeLinux: 'SystemPoolMustBeLinux',
  systemPoolCountTooLow: 'SystemPoolCountTooLow',
  systemPoolVmTooSmall: 'SystemPoolVmTooSmall',
  osSkuDoesNotMatchOsType: 'OsSkuDoesNotMatchOsType',
  autoscalerRangeInvalid: 'AutoscalerRangeInvalid',
  countOutsideAutoscalerRange: 'CountOutsideAutoscalerRange',
  azureCniOnlyForWindows: 'AzureCNIOnlyForWindows',
  spotPoolMustBeUser: 'SpotPoolMustBeUser',
  versionDowngrade: 'VersionDowngrade',
  versionSkipsMinor: 'VersionSkipsMinor',
  poolVersionAheadOfControlPlane: 'NodePoolMcVersionIncompatible',
  poolVersionTooFarBehind: 'PoolVersionTooFarBehind',
  immutableField: 'PropertyChangeNotAllowed',
  dnsServiceIpOutsideServiceCidr: 'DnsServiceIpOutsideServiceCidr',
  podCidrOverlapsServiceCidr: 'PodCidrOverlapsServiceCidr',
} as const;

/** The current state of a cluster being updated; a `ClusterView` fits. Only what the rules compare. */
export interface ExistingCluster {
  readonly location?: string;
  readonly kubernetesVersion?: string;
  readonly currentKubernetesVersion?: string;
  readonly kubernetesRbac?: boolean;
  readonly network?: { readonly plugin?: string; readonly subnetId?: string };
  readonly entraId?: object;
  readonly nodePools: ReadonlyArray<ExistingNodePool>;
}

export interface ExistingNodePool {
  readonly name: string;
  readonly vmSize?: string;
  readonly osType?: string;
  readonly osSku?: string;
  readonly availabilityZones?: ReadonlyArray<string>;
  readonly spot?: object;
  readonly maxPods?: number;
  readonly osDiskSizeGB?: number;
  readonly orchestratorVersion?: string;
  readonly currentOrchestratorVersion?: string;
}

export class NodePoolNotInSpecError extends Error {
  constructor(readonly poolName: string) {
    super(`node pool "${poolName}" is not in the desired cluster spec`);
    this.name = 'NodePoolNotInSpecError';
  }
}

/** Since Kubernetes 1.28 the control plane may be up to three minors ahead of a pool. */
const maxPoolMinorsBehindControlPlane = 3;
const poolNamePattern = /^[a-z][a-z0-9]{0,11}$/;
const maxWindowsPoolNameLength = 6;
/** AKS: System pool VM sizes need at least 2 vCPUs and 4 GB of memory (memory is not derivable from the name). */
const minSystemPoolVCpus = 2;

/**
 * AKS rules that can be checked without calling Azure (azure-apis.md §2, upgrades.md §1.6).
 * With `existing`, the spec is an update: version steps and immutable fields are checked too.
 */
export function checkAksRules(spec: ClusterSpec, existing?: ExistingCluster): Violation[] {
  return [
    ...spec.nodePools.flatMap((pool, index) => poolShapeViolations(pool, `nodePools[${index}]`, spec)),
    ...duplicateNameViolations(spec.nodePools),
    ...systemPoolPresenceViolations(spec.nodePools),
    ...networkAddressViolations(spec.network),
    ...controlPlaneVersionViolations(spec, existing),
    ...spec.nodePools.flatMap((pool, index) =>
      poolVersionViolations(pool, `nodePools[${index}]`, spec, existing),
    ),
    ...(existing ? clusterImmutableViolations(spec, existing) : []),
    ...(existing
      ? spec.nodePools.flatMap((pool, index) =>
          poolImmutableViolations(pool, `nodePools[${index}]`, existing),
        )
      : []),
  ];
}

/**
 * Rules for a write to one pool (`PUT|PATCH …/nodePools/{p}`): `desired` is the cluster with that pool
 * replaced or added. Violations of the pool are reported relative to the pool body (`vmSize`);
 * cluster-wide ones (e.g. no System pool left) keep their cluster path.
 */
export function checkNodePoolWrite(
  desired: ClusterSpec,
  poolName: string,
  existing?: ExistingCluster,
): Violation[] {
  const index = desired.nodePools.findIndex((pool) => pool.name === poolName);
  if (index < 0) throw new NodePoolNotInSpecError(poolName);
  const prefix = `nodePools[${index}]`;
  return checkAksRules(desired, existing)
    .filter(
      (violation) =>
        !/^nodePools\[\d+\]/.test(violation.path) ||
        violation.path === prefix ||
        violation.path.startsWith(`${prefix}.`),
    )
    .map((violation) =>
      violation.path.startsWith(prefix)
        ? { ...violation, path: violation.path.slice(prefix.length).replace(/^\./, '') }
        : violation,
    );
}

function poolShapeViolations(pool: NodePoolSpec, at: string, spec: ClusterSpec): Violation[] {
  const violations: Violation[] = [];
  const mode = pool.mode ?? aksDefaults.nodePoolMode;
  const osType = pool.osType ?? aksDefaults.osType;
  const isWindows = osType === 'Windows';

  if (!poolNamePattern.test(pool.name)) {
    violations.push({
      path: `${at}.name`,
      code: aksRuleCodes.invalidPoolName,
      message: `pool name "${pool.name}" must be 1-12 lowercase letters or digits, starting with a letter`,
    });
  } else if (isWindows && pool.name.length > maxWindowsPoolNameLength) {
    violations.push({
      path: `${at}.name`,
      code: aksRuleCodes.windowsPoolNameTooLong,
      message: `Windows pool name "${pool.name}" is longer than ${maxWindowsPoolNameLength} characters`,
    });
  }
  if (pool.osSku && !osSkuFits(pool.osSku, osType)) {
    violations.push({
      path: `${at}.osSku`,
      code: aksRuleCodes.osSkuDoesNotMatchOsType,
      message: `osSku ${pool.osSku} cannot be used with osType ${osType}`,
    });
  }
  if (mode === 'System' && isWindows) {
    violations.push({
      path: `${at}.osType`,
      code: aksRuleCodes.systemPoolMustBeLinux,
      message: 'System pools must run Linux; use a User pool for Windows',
    });
  }
  const vCpus = describeVmSize(pool.vmSize).vCpus;
  if (mode === 'System' && vCpus !== undefined && vCpus < minSystemPoolVCpus) {
    violations.push({
      path: `${at}.vmSize`,
      code: aksRuleCodes.systemPoolVmTooSmall,
      message: `System pools need a VM size with at least ${minSystemPoolVCpus} vCPUs; ${pool.vmSize} has ${vCpus}`,
    });
  }
  if (mode === 'System' && pool.count === 0) {
    violations.push({
      path: `${at}.count`,
      code: aksRuleCodes.systemPoolCountTooLow,
      message: 'System pools need at least 1 node',
    });
  }
  if (mode === 'System' && pool.autoscaler?.minCount === 0) {
    violations.push({
      path: `${at}.autoscaler.minCount`,
      code: aksRuleCodes.systemPoolCountTooLow,
      message: 'System pools need at least 1 node, so autoscaler minCount must be at least 1',
    });
  }
  violations.push(...autoscalerViolations(pool, at));
  if (isWindows && (spec.network?.plugin ?? aksDefaults.networkPlugin) === 'kubenet') {
    violations.push({
      path: `${at}.osType`,
      code: aksRuleCodes.azureCniOnlyForWindows,
      message:
        'Windows agent pools can only be added to AKS clusters using Azure-CNI (set network.plugin to azure or azureOverlay)',
    });
  }
  if (pool.spot && mode === 'System') {
    violations.push({
      path: `${at}.spot`,
      code: aksRuleCodes.spotPoolMustBeUser,
      message: 'Spot pools must be User pools',
    });
  }
  return violations;
}

function osSkuFits(osSku: string, osType: string): boolean {
  const skus: ReadonlyArray<string> = osType === 'Windows' ? windowsOsSkus : linuxOsSkus;
  return skus.includes(osSku);
}

function autoscalerViolations(pool: NodePoolSpec, at: string): Violation[] {
  const scaler = pool.autoscaler;
  if (!scaler) return [];
  if (scaler.minCount > scaler.maxCount) {
    return [
      {
        path: `${at}.autoscaler.minCount`,
        code: aksRuleCodes.autoscalerRangeInvalid,
        message: `autoscaler minCount ${scaler.minCount} is greater than maxCount ${scaler.maxCount}`,
      },
    ];
  }
  const count = effectivePoolCount(pool);
  if (count < scaler.minCount || count > scaler.maxCount) {
    return [
      {
        path: `${at}.count`,
        code: aksRuleCodes.countOutsideAutoscalerRange,
        message: `count ${count} must be between autoscaler minCount ${scaler.minCount} and maxCount ${scaler.maxCount}`,
      },
    ];
  }
  return [];
}

function duplicateNameViolations(pools: ReadonlyArray<NodePoolSpec>): Violation[] {
  return pools.flatMap((pool, index) =>
    pools.findIndex((other) => other.name === pool.name) < index
      ? [
          {
            path: `nodePools[${index}].name`,
            code: aksRuleCodes.duplicatePoolName,
            message: `pool name "${pool.name}" is used more than once`,
          },
        ]
      : [],
  );
}

function systemPoolPresenceViolations(pools: ReadonlyArray<NodePoolSpec>): Violation[] {
  if (pools.some((pool) => pool.mode === 'System')) return [];
  return [
    {
      path: 'nodePools',
      code: aksRuleCodes.systemPoolRequired,
      message: 'Must define at least one system pool (mode: System)',
    },
  ];
}

/** AKS needs the DNS service IP inside the service CIDR, and pod and service CIDRs apart. Defaults count. */
function networkAddressViolations(network: ClusterSpec['network']): Violation[] {
  const plugin = network?.plugin ?? aksDefaults.networkPlugin;
  const serviceCidrText = network?.serviceCidr ?? aksDefaults.serviceCidr;
  const dnsServiceIpText = network?.dnsServiceIp ?? aksDefaults.dnsServiceIp;
  const podCidrText = network?.podCidr ?? defaultPodCidr(plugin);
  const serviceCidr = parseCidr(serviceCidrText);
  const dnsServiceIp = parseIpv4(dnsServiceIpText);
  const podCidr = podCidrText === undefined ? undefined : parseCidr(podCidrText);
  const violations: Violation[] = [];
  if (serviceCidr && dnsServiceIp !== undefined && !cidrContains(serviceCidr, dnsServiceIp)) {
    violations.push({
      path: network?.dnsServiceIp === undefined ? 'network.serviceCidr' : 'network.dnsServiceIp',
      code: aksRuleCodes.dnsServiceIpOutsideServiceCidr,
      message: `dnsServiceIp ${dnsServiceIpText} must be inside serviceCidr ${serviceCidrText}`,
    });
  }
  if (serviceCidr && podCidr && cidrsOverlap(serviceCidr, podCidr)) {
    violations.push({
      path: 'network.podCidr',
      code: aksRuleCodes.podCidrOverlapsServiceCidr,
      message: `podCidr ${podCidrText} overlaps serviceCidr ${serviceCidrText}`,
    });
  }
  return violations;
}

/** The version a cluster or pool runs now: the actual patch when known, else the requested version. */
function runningVersion(current?: string, requested?: string): KubernetesVersion | undefined {
  return tryParseKubernetesVersion(current ?? '') ?? tryParseKubernetesVersion(requested ?? '');
}

function versionStepViolations(
  from: KubernetesVersion | undefined,
  toText: string | undefined,
  path: string,
  what: string,
): Violation[] {
  const to = tryParseKubernetesVersion(toText ?? '');
  if (!from || !to) return [];
  const distance = minorDistance(from, to);
  // A minor alias equal to the current minor is a no-op, not a downgrade.
  const isDowngrade =
    distance < 0 ||
    (distance === 0 && to.patch !== undefined && from.patch !== undefined && to.patch < from.patch);
  if (isDowngrade) {
    return [
      {
        path,
        code: aksRuleCodes.versionDowngrade,
        message: `${what} cannot be downgraded from ${fmt(from)} to ${toText}`,
      },
    ];
  }
  if (distance > 1) {
    return [
      {
        path,
        code: aksRuleCodes.versionSkipsMinor,
        message: `${what} cannot skip minor versions: from ${fmt(from)} the next step is ${from.major}.${from.minor + 1}, not ${toText}`,
      },
    ];
  }
  return [];
}

function fmt(version: KubernetesVersion): string {
  return version.patch === undefined
    ? `${version.major}.${version.minor}`
    : `${version.major}.${version.minor}.${version.patch}`;
}

function controlPlaneVersionViolations(spec: ClusterSpec, existing?: ExistingCluster): Violation[] {
  if (!existing) return [];
  return versionStepViolations(
    runningVersion(existing.currentKubernetesVersion, existing.kubernetesVersion),
    spec.kubernetesVersion,
    'kubernetesVersion',
    'the control plane',
  );
}

function poolVersionViolations(
  pool: NodePoolSpec,
  at: string,
  spec: ClusterSpec,
  existing?: ExistingCluster,
): Violation[] {
  const poolVersion = tryParseKubernetesVersion(pool.orchestratorVersion ?? '');
  if (!poolVersion) return [];
  const path = `${at}.orchestratorVersion`;
  const violations: Violation[] = [];
  const controlPlane =
    tryParseKubernetesVersion(spec.kubernetesVersion ?? '') ??
    runningVersion(existing?.currentKubernetesVersion, existing?.kubernetesVersion);
  if (controlPlane) {
    const comparePatches = poolVersion.patch !== undefined && controlPlane.patch !== undefined;
    const ahead = comparePatches
      ? compareKubernetesVersions(poolVersion, controlPlane) > 0
      : compareMinors(poolVersion, controlPlane) > 0;
    if (ahead) {
      violations.push({
        path,
        code: aksRuleCodes.poolVersionAheadOfControlPlane,
        message: `pool version ${pool.orchestratorVersion} is newer than the control plane version ${fmt(controlPlane)}`,
      });
    } else if (minorDistance(poolVersion, controlPlane) > maxPoolMinorsBehindControlPlane) {
      violations.push({
        path,
        code: aksRuleCodes.poolVersionTooFarBehind,
        message: `pool version ${pool.orchestratorVersion} is more than ${maxPoolMinorsBehindControlPlane} minors behind the control plane version ${fmt(controlPlane)}`,
      });
    }
  }
  const existingPool = existing?.nodePools.find((candidate) => candidate.name === pool.name);
  if (existingPool) {
    violations.push(
      ...versionStepViolations(
        runningVersion(existingPool.currentOrchestratorVersion, existingPool.orchestratorVersion),
        pool.orchestratorVersion,
        path,
        `pool ${pool.name}`,
      ),
    );
  }
  return violations;
}

function immutable(path: string, field: string): Violation {
  return { path, code: aksRuleCodes.immutableField, message: `Changing property '${field}' is not allowed.` };
}

function clusterImmutableViolations(spec: ClusterSpec, existing: ExistingCluster): Violation[] {
  const violations: Violation[] = [];
  if (existing.location !== undefined && existing.location.toLowerCase() !== spec.location.toLowerCase())
    violations.push(immutable('location', 'location'));
  if (
    existing.kubernetesRbac !== undefined &&
    (spec.kubernetesRbac ?? aksDefaults.kubernetesRbac) !== existing.kubernetesRbac
  ) {
    violations.push(immutable('kubernetesRbac', 'kubernetesRbac'));
  }
  if (existing.entraId && !spec.entraId) {
    violations.push({
      path: 'entraId',
      code: aksRuleCodes.immutableField,
      message: 'Entra ID integration cannot be turned off once enabled.',
    });
  }
  const currentPlugin = existing.network?.plugin;
  const desiredPlugin = spec.network?.plugin ?? aksDefaults.networkPlugin;
  // kubenet → Azure CNI overlay is the one migration AKS supports in place.
  if (
    currentPlugin !== undefined &&
    currentPlugin !== desiredPlugin &&
    !(currentPlugin === 'kubenet' && desiredPlugin === 'azureOverlay')
  ) {
    violations.push(immutable('network.plugin', 'network.plugin'));
  }
  if (
    existing.network?.subnetId !== undefined &&
    spec.network?.subnetId !== undefined &&
    existing.network.subnetId.toLowerCase() !== spec.network.subnetId.toLowerCase()
  ) {
    violations.push(immutable('network.subnetId', 'network.subnetId'));
  }
  return violations;
}

/** Fields AKS refuses to change on an existing pool; an omitted value means "keep", except where noted below. */
const immutablePoolFields = ['vmSize', 'osSku', 'availabilityZones', 'maxPods', 'osDiskSizeGB'] as const;

function poolImmutableViolations(pool: NodePoolSpec, at: string, existing: ExistingCluster): Violation[] {
  const current = existing.nodePools.find((candidate) => candidate.name === pool.name);
  if (!current) return [];
  const violations = immutablePoolFields
    .filter(
      (field) =>
        pool[field] !== undefined && current[field] !== undefined && !sameValue(pool[field], current[field]),
    )
    .map((field) => immutable(`${at}.${field}`, field));
  // osType and Spot priority have a definite default, so leaving them out is a change too.
  if (current.osType !== undefined && (pool.osType ?? aksDefaults.osType) !== current.osType)
    violations.push(immutable(`${at}.osType`, 'osType'));
  if (Boolean(current.spot) !== Boolean(pool.spot)) violations.push(immutable(`${at}.spot`, 'spot'));
  return violations;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (Array.isArray(a) && Array.isArray(b)) return sortedText(a as unknown[]) === sortedText(b as unknown[]);
  return a === b;
}

function sortedText(values: unknown[]): string {
  return JSON.stringify(values.map(String).sort());
}
