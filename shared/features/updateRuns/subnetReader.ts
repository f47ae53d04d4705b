import type { NetworkManagementClient } from '@azure/arm-network';
import type { SubnetFact } from '../../domain/updateRuns';
import { callArm } from '../../platform/arm/armCalls';

const SUBNET_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)$/i;

/** A node-pool subnet's prefixes and the addresses its NICs hold (it may live in another subscription than the cluster). */
export async function readSubnet(network: (subscriptionId: string) => NetworkManagementClient, subnetId: string): Promise<SubnetFact> {
  const [, subscriptionId, resourceGroup, vnet, subnet] = SUBNET_ID.exec(subnetId) ?? [];
  if (!subscriptionId || !resourceGroup || !vnet || !subnet) throw new Error(`"${subnetId}" is not a subnet resource id`);
  const read = await callArm(() => network(subscriptionId).subnets.get(resourceGroup, vnet, subnet), `Subnet "${vnet}/${subnet}"`);
  const prefixes = [...(read.addressPrefix ? [read.addressPrefix] : []), ...(read.addressPrefixes ?? [])];
  return { addressPrefixes: [...new Set(prefixes)], ipConfigurationsInUse: read.ipConfigurations?.length ?? 0 };
}
