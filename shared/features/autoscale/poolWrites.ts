import type { AgentPool, ContainerServiceClient, ManagedClusterAgentPoolProfile } from '@azure/arm-containerservice';
import type { ArmOperationRunner, ArmResponseObserver, ExpectedOutcome } from '../operations';
import { agentPoolFingerprint } from '../../platform/arm/resourceFingerprint';
import type { ListedCluster } from './listedClusters';

/** What the autoscaler changes: a pool's count, a pool's autoscaler range, or the cluster's power. */
export type PoolChange =
  | { type: 'SetCount'; to: number }
  | { type: 'SetRange'; minCount: number; maxCount: number }
  | { type: 'Stop' }
  | { type: 'Start' };

/** Settings a PUT of an existing pool restates (everything else ARM reports is read-only or defaulted). */
const WRITABLE: (keyof ManagedClusterAgentPoolProfile & keyof AgentPool)[] = [
  'count', 'vmSize', 'osDiskSizeGB', 'osDiskType', 'kubeletDiskType', 'vnetSubnetID', 'podSubnetID', 'maxPods', 'osType', 'osSKU',
  'maxCount', 'minCount', 'enableAutoScaling', 'scaleDownMode', 'mode', 'orchestratorVersion', 'upgradeSettings',
  'availabilityZones', 'enableNodePublicIP', 'scaleSetPriority', 'scaleSetEvictionPolicy', 'spotMaxPrice', 'tags', 'nodeLabels',
  'nodeTaints', 'enableEncryptionAtHost', 'enableFips',
];

/** The PUT body of the pool with only the change applied. */
export function agentPoolBodyOf(profile: ManagedClusterAgentPoolProfile, change: Extract<PoolChange, { type: 'SetCount' | 'SetRange' }>): AgentPool {
  const body: Record<string, unknown> = {};
  for (const key of WRITABLE) if (profile[key] !== undefined && profile[key] !== null) body[key] = profile[key];
  // The cluster's profile calls the pool type `type`; the agent pool resource calls it `typePropertiesType`.
  body['typePropertiesType'] = profile.type ?? 'VirtualMachineScaleSets';
  if (change.type === 'SetCount') body['count'] = change.to;
  else Object.assign(body, { enableAutoScaling: true, minCount: change.minCount, maxCount: change.maxCount });
  return body;
}

/**
 * Starts the change through the durable operation runner: the record exists before ARM is called, so a host that
 * dies mid-write leaves an operation that is adopted, never sent again. A pool write is conditional on the pool's
 * ETag from the list (someone else's change in between answers 412 instead of being overwritten).
 */
export async function submitChange(
  runner: ArmOperationRunner,
  cluster: ListedCluster,
  profile: ManagedClusterAgentPoolProfile | undefined,
  change: PoolChange,
  correlationId: string,
): Promise<{ operationId: string; answered: boolean }> {
  const headers = { 'x-ms-correlation-request-id': correlationId };
  const common = { subscriptionId: cluster.subscriptionId, correlationId, createdBy: 'fleetplane-autoscale' };
  if (change.type === 'Stop' || change.type === 'Start') {
    const expectedOutcome: ExpectedOutcome = { kind: 'powerState', code: change.type === 'Start' ? 'Running' : 'Stopped' };
    const record = await runner.start({
      ...common,
      kind: change.type === 'Start' ? 'autoscaleStartCluster' : 'autoscaleStopCluster',
      target: cluster.id,
      expectedOutcome,
      submit: (client: ContainerServiceClient, onResponse: ArmResponseObserver) =>
        change.type === 'Start'
          ? client.managedClusters.start(cluster.resourceGroup, cluster.name, { requestOptions: { headers }, onResponse })
          : client.managedClusters.stop(cluster.resourceGroup, cluster.name, { requestOptions: { headers }, onResponse }),
    });
    return sent(record);
  }
  if (!profile?.name) throw new Error('A pool change needs the pool as listed.');
  const body = agentPoolBodyOf(profile, change);
  const record = await runner.start({
    ...common,
    kind: 'autoscaleNodePool',
    target: `${cluster.id}/agentPools/${profile.name}`,
    expectedOutcome: { kind: 'matches', fingerprint: agentPoolFingerprint(body) },
    submit: (client, onResponse) =>
      client.agentPools.createOrUpdate(cluster.resourceGroup, cluster.name, profile.name, body, {
        requestOptions: { headers },
        onResponse,
        ...(profile.eTag ? { ifMatch: profile.eTag } : {}),
      }),
  });
  return sent(record);
}

/** `Accepted` after start: ARM's answer was lost (deadline, reset); the operation looks for the change in Azure. */
function sent(record: { id: string; status: string }): { operationId: string; answered: boolean } {
  return { operationId: record.id, answered: record.status !== 'Accepted' };
}
