import { ArmError, badRequest } from '../errors';
import type { ClusterState, JsonObject, PoolState } from '../model';
import { clusterKey } from '../model';
import type { Fleet } from '../engine/fleet';
import type { OperationRecord } from '../engine/operations';
import * as sim from '../engine/simulations';
import type { InlinePoolUpdate } from '../engine/simulations';
import { minorOf, parseVersion } from '../catalogue/versions';
import { validateClusterName } from '../rules/naming';
import { validatePoolSet } from '../rules/poolRules';
import { resolveRequestedVersion, validateControlPlaneUpgrade, validateSkewForControlPlane } from '../rules/versionRules';
import { applyInlinePoolChanges, planInlinePoolChanges } from './inlinePoolChanges';
import type { PoolChangePlan } from './poolChangePlan';
import { buildPool } from './poolFactory';
import { asObject, asString, asStringRecord, clone, isObject, requireBodyObject, without } from './requestShapes';

export interface MutationOptions {
  ifMatch?: string;
  ifNoneMatch?: string;
  injectedFailure?: { code: string; message: string };
}

export interface MutationResult {
  status: 200 | 201 | 202 | 204;
  cluster?: ClusterState;
  operation?: OperationRecord;
}

const READ_ONLY_CLUSTER_FIELDS = [
  'provisioningState',
  'powerState',
  'currentKubernetesVersion',
  'fqdn',
  'azurePortalFQDN',
  'privateFQDN',
  'maxAgentPools',
  'identityProfile',
  'status',
  'agentPoolProfiles',
  'kubernetesVersion',
  'resourceUID',
];

export function checkPreconditions(existingETag: string | undefined, options: MutationOptions): void {
  if (options.ifNoneMatch === '*' && existingETag !== undefined) {
    throw new ArmError(412, 'PreconditionFailed', 'The resource already exists and the If-None-Match header is "*".');
  }
  if (options.ifMatch !== undefined && options.ifMatch !== '*' && options.ifMatch !== existingETag) {
    throw new ArmError(412, 'PreconditionFailed', `The If-Match header '${options.ifMatch}' does not match the current eTag of the resource.`);
  }
  if (options.ifMatch === '*' && existingETag === undefined) {
    throw new ArmError(412, 'PreconditionFailed', 'The resource does not exist and the If-Match header is "*".');
  }
}

/** Secrets are accepted but never stored, so they can never be echoed. */
function sanitiseClusterProperties(props: JsonObject): JsonObject {
  const out = without(props, READ_ONLY_CLUSTER_FIELDS);
  if (isObject(out['windowsProfile'])) out['windowsProfile'] = without(out['windowsProfile'], ['adminPassword']);
  if (isObject(out['servicePrincipalProfile'])) out['servicePrincipalProfile'] = without(out['servicePrincipalProfile'], ['secret']);
  out['networkProfile'] = withNetworkDefaults(asObject(out['networkProfile']));
  out['enableRBAC'] ??= true;
  out['supportPlan'] ??= 'KubernetesOfficial';
  return out;
}

function withNetworkDefaults(network: JsonObject): JsonObject {
  const plugin = asString(network['networkPlugin']) ?? 'kubenet';
  const out: JsonObject = {
    ...network,
    networkPlugin: plugin,
    serviceCidr: network['serviceCidr'] ?? '10.0.0.0/16',
    dnsServiceIP: network['dnsServiceIP'] ?? '10.0.0.10',
    outboundType: network['outboundType'] ?? 'loadBalancer',
    loadBalancerSku: network['loadBalancerSku'] ?? 'standard',
    ipFamilies: network['ipFamilies'] ?? ['IPv4'],
  };
  if (plugin === 'kubenet' || network['networkPluginMode'] === 'overlay') out['podCidr'] ??= '10.244.0.0/16';
  out['serviceCidrs'] ??= [out['serviceCidr']];
  if (out['podCidr'] !== undefined) out['podCidrs'] ??= [out['podCidr']];
  return out;
}

export function createOrUpdateCluster(
  fleet: Fleet,
  ids: { subscriptionId: string; resourceGroup: string; name: string },
  rawBody: unknown,
  options: MutationOptions,
): MutationResult {
  validateClusterName(ids.name);
  const body = requireBodyObject(rawBody);
  const existing = fleet.findCluster(ids.subscriptionId, ids.resourceGroup, ids.name);
  checkPreconditions(existing?.eTag, options);
  return existing ? updateCluster(fleet, existing, body, options) : createCluster(fleet, ids, body, options);
}

function createCluster(
  fleet: Fleet,
  ids: { subscriptionId: string; resourceGroup: string; name: string },
  body: JsonObject,
  options: MutationOptions,
): MutationResult {
  const location = normaliseLocation(asString(body['location']));
  const rawProps = asObject(body['properties']);
  const properties = sanitiseClusterProperties(rawProps);
  const version = resolveRequestedVersion(fleet.versions, asString(rawProps['kubernetesVersion']), {
    forPool: false,
    supportPlan: asString(properties['supportPlan']),
    fieldName: 'properties.kubernetesVersion',
  });
  const profiles = Array.isArray(rawProps['agentPoolProfiles']) ? rawProps['agentPoolProfiles'].filter(isObject).map((p) => ({ ...p })) : [];
  // When no pool states a mode, AKS makes the first pool the System pool.
  const first = profiles[0];
  if (first && profiles.every((p) => p['mode'] === undefined)) first['mode'] = 'System';
  const shape = { location, properties };
  const pools = profiles.map((profile) => {
    const name = asString(profile['name']) ?? '';
    const requested = asString(profile['orchestratorVersion']);
    const poolVersion = requested === undefined || requested === '' ? version : resolveRequestedVersion(fleet.versions, requested, { forPool: true, fieldName: 'agentPoolProfile.orchestratorVersion' });
    return buildPool(fleet, shape, name, without(profile, ['name']), poolVersion);
  });
  validatePoolSet(pools);
  const now = fleet.clock.nowIso();
  const cluster: ClusterState = {
    ...ids,
    location,
    tags: asStringRecord(body['tags']),
    sku: isObject(body['sku']) ? clone(body['sku']) : { name: 'Base', tier: 'Free' },
    identity: isObject(body['identity']) ? clone(body['identity']) : undefined,
    ...(asString(body['kind']) === undefined ? {} : { kind: asString(body['kind']) }),
    properties,
    kubernetesVersion: version,
    currentKubernetesVersion: version,
    provisioningState: 'Creating',
    powerState: 'Running',
    fqdnSuffix: fleet.random.hex(8),
    nodeResourceGroup: asString(rawProps['nodeResourceGroup']) ?? `MC_${ids.resourceGroup}_${ids.name}_${location}`,
    principalId: fleet.random.uuid(),
    tenantId: fleet.random.uuid(),
    pools: [],
    maintenanceConfigurations: [],
    podDisruptionBudgets: [],
    eTag: fleet.newETag(),
    createdAt: now,
    lastModifiedAt: now,
  };
  fleet.assertQuotaForNodes(cluster, pools.map((pool) => ({ vmSize: pool.vmSize, nodes: pool.count })));
  cluster.pools = pools;
  fleet.clusters.set(clusterKey(ids.subscriptionId, ids.resourceGroup, ids.name), cluster);
  const operation = fleet.startOperation(cluster, 'create managed cluster', { kind: 'cluster' }, [cluster, ...pools], sim.createCluster(fleet, cluster), {
    ...(options.injectedFailure ? { injectedFailure: options.injectedFailure } : {}),
  });
  return { status: 201, cluster, operation };
}

export function normaliseLocation(location: string | undefined): string {
  if (location === undefined || location.trim() === '') {
    throw new ArmError(400, 'LocationRequired', 'The location property is required for this definition.');
  }
  return location.replace(/\s+/g, '').toLowerCase();
}

/** What a managed-cluster PUT of an existing cluster will do, checked in full before anything changes. */
interface ClusterUpdatePlan {
  rawProps: JsonObject;
  target: string;
  poolsToUpgrade: PoolState[];
  poolChanges: PoolChangePlan[];
}

function updateCluster(fleet: Fleet, cluster: ClusterState, body: JsonObject, options: MutationOptions): MutationResult {
  const plan = planClusterUpdate(fleet, cluster, body);
  applyClusterSettings(fleet, cluster, body, plan);
  const poolUpdates = applyInlinePoolChanges(fleet, plan.poolChanges);
  return { status: 200, cluster, operation: startClusterUpdate(fleet, cluster, plan, poolUpdates, options) };
}

/** One operation for the whole PUT (AKS's one-per-cluster rule); it drives the cluster and every pool it changes or upgrades. */
function startClusterUpdate(fleet: Fleet, cluster: ClusterState, plan: ClusterUpdatePlan, poolUpdates: InlinePoolUpdate[], options: MutationOptions): OperationRecord {
  const targets = [cluster, ...new Set([...poolUpdates.map((update) => update.pool), ...plan.poolsToUpgrade])];
  const failure = options.injectedFailure ? { injectedFailure: options.injectedFailure } : {};
  return plan.target === cluster.currentKubernetesVersion
    ? fleet.startOperation(cluster, 'update managed cluster', { kind: 'cluster' }, targets, sim.reconcileCluster(fleet, cluster, poolUpdates), failure)
    : fleet.startOperation(cluster, 'upgrade managed cluster', { kind: 'cluster' }, targets, sim.upgradeCluster(fleet, cluster, plan.target, plan.poolsToUpgrade, poolUpdates), failure);
}

function planClusterUpdate(fleet: Fleet, cluster: ClusterState, body: JsonObject): ClusterUpdatePlan {
  fleet.assertNoOperationInProgress(cluster);
  fleet.assertRunning(cluster, 'update managed cluster');
  const location = normaliseLocation(asString(body['location']) ?? cluster.location);
  if (location !== cluster.location) {
    throw new ArmError(400, 'LocationNotAvailableForResourceType', `Changing property 'location' is not allowed. The managed cluster is in '${cluster.location}'.`, 'location');
  }
  const rawProps = asObject(body['properties']);
  const target = resolveUpdateVersion(fleet, cluster, asString(rawProps['kubernetesVersion']));
  const profiles = Array.isArray(rawProps['agentPoolProfiles']) ? rawProps['agentPoolProfiles'].filter(isObject) : [];
  rejectIntroducedPools(cluster, profiles);
  const poolsToUpgrade = target === cluster.currentKubernetesVersion ? [] : poolsFollowingUpgrade(fleet, cluster, profiles, target);
  if (target !== cluster.currentKubernetesVersion) {
    validateControlPlaneUpgrade(fleet.versions, cluster.currentKubernetesVersion, target);
    const staying = cluster.pools.filter((p) => !poolsToUpgrade.includes(p));
    validateSkewForControlPlane(target, staying.map((p) => ({ name: p.name, version: p.currentOrchestratorVersion })));
  }
  const poolChanges = planInlinePoolChanges(fleet, cluster, profiles);
  return { rawProps, target, poolsToUpgrade, poolChanges };
}

function applyClusterSettings(fleet: Fleet, cluster: ClusterState, body: JsonObject, plan: ClusterUpdatePlan): void {
  const { rawProps } = plan;
  const preserved = { windowsProfile: cluster.properties['windowsProfile'], servicePrincipalProfile: cluster.properties['servicePrincipalProfile'] };
  cluster.properties = sanitiseClusterProperties({ ...cluster.properties, ...rawProps });
  for (const [key, value] of Object.entries(preserved)) if (rawProps[key] === undefined && value !== undefined) cluster.properties[key] = value;
  if (isObject(body['tags'])) cluster.tags = asStringRecord(body['tags']);
  if (isObject(body['sku'])) cluster.sku = clone(body['sku']);
  if (isObject(body['identity'])) cluster.identity = clone(body['identity']);
  cluster.kubernetesVersion = plan.target;
  cluster.eTag = fleet.newETag();
  cluster.lastModifiedAt = fleet.clock.nowIso();
}

/** AKS's preflight check: a managed-cluster PUT may not add pools to an existing cluster. */
function rejectIntroducedPools(cluster: ClusterState, profiles: JsonObject[]): void {
  const known = new Set(cluster.pools.map((pool) => pool.name.toLowerCase()));
  if (profiles.every((profile) => known.has((asString(profile['name']) ?? '').toLowerCase()))) return;
  throw new ArmError(
    400,
    'BadRequest',
    'A new agent pool was introduced. Adding agent pools to an existing cluster is not allowed through managed cluster operations. For agent pool specific change, please use per agent pool operations: https://aka.ms/agent-pool-rest-api',
    'agentPoolProfiles',
  );
}

/** "1.35" while on 1.35.x does not move the patch (upgrades.md §1.1); other values resolve through the catalogue. */
function resolveUpdateVersion(fleet: Fleet, cluster: ClusterState, requested: string | undefined): string {
  const text = (requested ?? '').trim();
  if (text === '' || text === cluster.currentKubernetesVersion) return cluster.currentKubernetesVersion;
  const parsed = parseVersion(text);
  if (parsed && parsed.patch === undefined && text === minorOf(cluster.currentKubernetesVersion)) return cluster.currentKubernetesVersion;
  return resolveRequestedVersion(fleet.versions, text, { forPool: false, supportPlan: asString(cluster.properties['supportPlan']), fieldName: 'properties.kubernetesVersion' });
}

/**
 * A pool follows a control-plane upgrade unless the PUT pins it: its profile carries an orchestratorVersion equal to
 * its current version (that is how `az aks upgrade --control-plane-only` is expressed).
 */
function poolsFollowingUpgrade(fleet: Fleet, cluster: ClusterState, profiles: JsonObject[], target: string): PoolState[] {
  return cluster.pools.filter((pool) => {
    const profile = profiles.find((p) => asString(p['name'])?.toLowerCase() === pool.name.toLowerCase());
    const pinned = asString(profile?.['orchestratorVersion']);
    if (pinned === undefined || pinned === '') return true;
    const resolved = fleet.versions.resolve(pinned) ?? pinned;
    const unchanged = pinned === pool.currentOrchestratorVersion || pinned === pool.orchestratorVersion || resolved === pool.currentOrchestratorVersion;
    return !unchanged || resolved === target;
  });
}

export function updateClusterTags(fleet: Fleet, cluster: ClusterState, rawBody: unknown): MutationResult {
  const body = requireBodyObject(rawBody);
  fleet.assertNoOperationInProgress(cluster);
  cluster.tags = asStringRecord(body['tags']);
  cluster.eTag = fleet.newETag();
  cluster.lastModifiedAt = fleet.clock.nowIso();
  return { status: 200, cluster };
}

export function deleteCluster(
  fleet: Fleet,
  ids: { subscriptionId: string; resourceGroup: string; name: string },
  options: MutationOptions,
): MutationResult {
  const cluster = fleet.findCluster(ids.subscriptionId, ids.resourceGroup, ids.name);
  if (!cluster) return { status: 204 };
  checkPreconditions(cluster.eTag, { ...(options.ifMatch === undefined ? {} : { ifMatch: options.ifMatch }) });
  fleet.assertNoOperationInProgress(cluster);
  const key = clusterKey(ids.subscriptionId, ids.resourceGroup, ids.name);
  const operation = fleet.startOperation(cluster, 'delete managed cluster', { kind: 'none' }, [cluster], sim.deleteCluster(fleet, cluster, key), {
    ...(options.injectedFailure ? { injectedFailure: options.injectedFailure } : {}),
  });
  return { status: 202, operation };
}

export function setClusterPower(fleet: Fleet, cluster: ClusterState, power: 'Running' | 'Stopped', options: MutationOptions): MutationResult {
  fleet.assertNoOperationInProgress(cluster);
  if (cluster.powerState === power) return { status: 204 };
  const operation = fleet.startOperation(
    cluster,
    power === 'Running' ? 'start managed cluster' : 'stop managed cluster',
    { kind: 'none' },
    [cluster],
    sim.setClusterPower(fleet, cluster, power),
    options.injectedFailure ? { injectedFailure: options.injectedFailure } : {},
  );
  return { status: 202, operation };
}

/** Abort: the running operation goes Canceling → Canceled; 409 when nothing is running. */
export function abortLatestOperation(fleet: Fleet, cluster: ClusterState, poolName?: string): MutationResult {
  const active = fleet.activeOperation(cluster);
  if (!active || active.canceling) {
    throw new ArmError(
      409,
      'OperationNotAllowed',
      `There is no ongoing operation to abort on managed cluster '${cluster.name}'${poolName === undefined ? '' : ` agent pool '${poolName}'`}: the latest operation has already finished.`,
    );
  }
  const affectedPools = active.targets.filter((t): t is PoolState => cluster.pools.includes(t as PoolState));
  fleet.operations.cancel(active, sim.cancellation(fleet, cluster, affectedPools));
  const operation = fleet.startOperation(
    cluster,
    'abort operation',
    { kind: 'none' },
    [],
    (function* waitForCancel() {
      yield fleet.seconds('abort');
    })(),
    { holdsClusterLock: false },
  );
  return { status: 202, operation };
}

export function assertCredentialsAllowed(cluster: ClusterState, admin: boolean): void {
  if (admin && cluster.properties['disableLocalAccounts'] === true) {
    throw badRequest('BadRequest', 'Getting static credential is not allowed because this cluster is set to disable local accounts.');
  }
}
