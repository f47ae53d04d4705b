import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { NodePoolAddress } from '../../domain/fleet/clusterAddress';
import { getAgentPool } from '../../platform/arm/armCalls';

/** The pool's mode as ARM has it (AKS's Gateway pools hold no System workloads, so they count as User). */
export async function poolModeFromArm(client: ContainerServiceClient, address: NodePoolAddress): Promise<'System' | 'User'> {
  const pool = await getAgentPool(client, address);
  return pool.mode === 'System' ? 'System' : 'User';
}
