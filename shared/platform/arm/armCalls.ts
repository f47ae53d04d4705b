import type { AgentPool, ContainerServiceClient, ManagedCluster } from '@azure/arm-containerservice';
import { translateArmError } from './armErrors';
import { NotFoundError } from '../../domain/errors';
import type { ClusterAddress, NodePoolAddress } from '../../domain/fleet/clusterAddress';

/** Runs one ARM request; failures become domain errors (4xx keep AKS's code and message, 429/5xx → 503). */
export async function callArm<T>(request: () => Promise<T>, resource: string): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw translateArmError(error, resource);
  }
}

export const clusterLabel = (address: ClusterAddress) => `Cluster "${address.clusterName}"`;
export const nodePoolLabel = (address: NodePoolAddress) => `Node pool "${address.nodePoolName}" of cluster "${address.clusterName}"`;

/** The cluster, or undefined when ARM does not know it. */
export async function findManagedCluster(client: ContainerServiceClient, address: ClusterAddress): Promise<ManagedCluster | undefined> {
  try {
    return await callArm(() => client.managedClusters.get(address.resourceGroup, address.clusterName), clusterLabel(address));
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

export async function requireManagedCluster(client: ContainerServiceClient, address: ClusterAddress): Promise<ManagedCluster> {
  const cluster = await findManagedCluster(client, address);
  if (!cluster) throw new NotFoundError(clusterLabel(address));
  return cluster;
}

export function getAgentPool(client: ContainerServiceClient, address: NodePoolAddress): Promise<AgentPool> {
  return callArm(
    () => client.agentPools.get(address.resourceGroup, address.clusterName, address.nodePoolName),
    nodePoolLabel(address),
  );
}
