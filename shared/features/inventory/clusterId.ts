import { clusterAddressOfId } from '../../domain/fleet/clusterAddress';

export interface ClusterCoordinates {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** The parts of a managed cluster's ARM id (subscription lower-cased, as inventory keys are); undefined for another shape. */
export function parseClusterId(id: string | undefined): ClusterCoordinates | undefined {
  const address = clusterAddressOfId(id);
  return address && { subscriptionId: address.subscriptionId.toLowerCase(), resourceGroup: address.resourceGroup, name: address.clusterName };
}
