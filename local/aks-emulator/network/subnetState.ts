import type { Fleet } from '../engine/fleet';
import type { ClusterState, JsonObject, PoolState } from '../model';
import { asObject, asString } from '../services/requestShapes';

/** A subnet of a virtual network as the emulator keeps it: what the client PUT, plus its place. */
export interface SubnetState {
  id: string;
  name: string;
  properties: JsonObject;
  etag: string;
}

/** Azure CNI without overlay gives every node `maxPods` secondary addresses besides its own. */
function addressesPerNode(cluster: ClusterState, pool: PoolState): number {
  const network = asObject(cluster.properties['networkProfile']);
  const podsTakeSubnetIps = network['networkPlugin'] === 'azure' && network['networkPluginMode'] !== 'overlay';
  return podsTakeSubnetIps ? pool.maxPods + 1 : 1;
}

/** The NIC IP configurations of every node whose pool uses the subnet (surge nodes included while they exist). */
export function ipConfigurationsOf(fleet: Fleet, subnet: SubnetState): { id: string }[] {
  const configurations: { id: string }[] = [];
  for (const cluster of fleet.clusters.values()) {
    for (const pool of cluster.pools) {
      if (asString(pool.properties['vnetSubnetID'])?.toLowerCase() !== subnet.id.toLowerCase()) continue;
      const scaleSet = `aks-${pool.name}-${pool.vmssSuffix}-vmss`;
      const perNode = addressesPerNode(cluster, pool);
      pool.nodes.forEach((_node, instance) => {
        for (let k = 0; k < perNode; k += 1) {
          configurations.push({
            id: `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.nodeResourceGroup}/providers/Microsoft.Compute/virtualMachineScaleSets/${scaleSet}/virtualMachines/${instance}/networkInterfaces/${scaleSet}/ipConfigurations/ipconfig${k + 1}`,
          });
        }
      });
    }
  }
  return configurations;
}

export function renderSubnet(fleet: Fleet, subnet: SubnetState): JsonObject {
  return {
    id: subnet.id,
    name: subnet.name,
    type: 'Microsoft.Network/virtualNetworks/subnets',
    etag: subnet.etag,
    properties: { ...subnet.properties, provisioningState: 'Succeeded', ipConfigurations: ipConfigurationsOf(fleet, subnet) },
  };
}
