import type { ClusterState, JsonObject, PoolState } from '../model';
import type { Fleet } from '../engine/fleet';
import { imageFamilyFor } from '../engine/nodeImages';
import type { ClusterRuleContext, PoolRuleInput } from '../rules/poolRules';
import { validatePool } from '../rules/poolRules';
import { asBoolean, asNumber, asObject, asString, normaliseEnum, without } from './requestShapes';

/** Read-only pool fields a client may send back (the SDK echoes GET results); they are ignored. */
const READ_ONLY_POOL_FIELDS = ['provisioningState', 'currentOrchestratorVersion', 'nodeImageVersion', 'eTag', 'status', 'name', 'powerState'];

export function poolRuleInput(name: string, props: JsonObject, fallback?: PoolState): PoolRuleInput {
  const enableAutoScaling = asBoolean(props['enableAutoScaling']) ?? false;
  const minCount = asNumber(props['minCount']);
  const maxCount = asNumber(props['maxCount']);
  const count = asNumber(props['count']) ?? fallback?.count ?? (enableAutoScaling && minCount !== undefined ? minCount : 1);
  return {
    name,
    mode: normaliseEnum(props['mode'], ['System', 'User'] as const, fallback?.mode ?? 'User', 'agentPoolProfile.mode'),
    osType: normaliseEnum(props['osType'], ['Linux', 'Windows'] as const, fallback?.osType ?? 'Linux', 'agentPoolProfile.osType'),
    vmSize: asString(props['vmSize']) ?? fallback?.vmSize ?? 'Standard_D2s_v5',
    count,
    enableAutoScaling,
    ...(minCount === undefined ? {} : { minCount }),
    ...(maxCount === undefined ? {} : { maxCount }),
    scaleSetPriority: normaliseEnum(props['scaleSetPriority'], ['Regular', 'Spot'] as const, 'Regular', 'agentPoolProfile.scaleSetPriority'),
  };
}

export function clusterRuleContext(fleet: Fleet, cluster: Pick<ClusterState, 'location' | 'properties'>): ClusterRuleContext {
  const addons = asObject(cluster.properties['addonProfiles']);
  return {
    location: cluster.location,
    networkPlugin: asString(asObject(cluster.properties['networkProfile'])['networkPlugin']) ?? 'kubenet',
    hasWindowsProfile: asString(asObject(cluster.properties['windowsProfile'])['adminUsername']) !== undefined,
    enabledAddons: Object.entries(addons)
      .filter(([, v]) => asBoolean(asObject(v)['enabled']) === true)
      .map(([k]) => k),
    requireSgxAddon: fleet.settings.requireSgxAddonForConfidentialPools,
  };
}

export function defaultMaxPods(cluster: Pick<ClusterState, 'properties'>): number {
  const network = asObject(cluster.properties['networkProfile']);
  if (network['networkPlugin'] !== 'azure') return 110;
  return network['networkPluginMode'] === 'overlay' ? 250 : 30;
}

/** Validates a pool request and builds its state with nodes in `nodeStatus`; no operation is started here. */
export function buildPool(
  fleet: Fleet,
  cluster: Pick<ClusterState, 'location' | 'properties'>,
  name: string,
  rawProps: JsonObject,
  version: string,
): PoolState {
  const input = poolRuleInput(name, rawProps);
  validatePool(input, clusterRuleContext(fleet, cluster));
  const properties = without(rawProps, [...READ_ONLY_POOL_FIELDS, 'orchestratorVersion']);
  properties['mode'] = input.mode;
  properties['osType'] = input.osType;
  properties['type'] ??= 'VirtualMachineScaleSets';
  properties['upgradeSettings'] ??= { maxSurge: '10%' };
  properties['enableAutoScaling'] ??= false;
  if (input.osType === 'Linux') properties['osSKU'] ??= 'Ubuntu';
  if (input.scaleSetPriority === 'Spot') {
    properties['scaleSetEvictionPolicy'] ??= 'Delete';
    properties['spotMaxPrice'] ??= -1;
  }
  const image = fleet.nodeImages.latestFor(imageFamilyFor(input.osType, asString(properties['osSKU'])), cluster.location);
  const pool: PoolState = {
    name,
    properties,
    mode: input.mode,
    osType: input.osType,
    vmSize: input.vmSize,
    count: input.count,
    currentOrchestratorVersion: version,
    orchestratorVersion: version,
    nodeImageVersion: image,
    provisioningState: 'Creating',
    powerState: 'Running',
    maxPods: asNumber(rawProps['maxPods']) ?? defaultMaxPods(cluster),
    vmssSuffix: fleet.random.digits(8),
    nextInstanceIndex: 0,
    nodes: [],
    eTag: fleet.newETag(),
  };
  for (let i = 0; i < input.count; i += 1) fleet.addNode(pool, version, image, { surge: false, status: 'Provisioning' });
  return pool;
}

export function stripReadOnlyPoolFields(props: JsonObject): JsonObject {
  return without(props, READ_ONLY_POOL_FIELDS);
}
