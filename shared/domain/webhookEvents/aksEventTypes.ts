/** The Microsoft.ContainerService events of Event Grid (ContainerService.json, 2018-01-01). */
export const AKS_EVENT_TYPES = {
  newKubernetesVersionAvailable: 'Microsoft.ContainerService.NewKubernetesVersionAvailable',
  clusterSupportEnding: 'Microsoft.ContainerService.ClusterSupportEnding',
  clusterSupportEnded: 'Microsoft.ContainerService.ClusterSupportEnded',
  nodePoolRollingStarted: 'Microsoft.ContainerService.NodePoolRollingStarted',
  nodePoolRollingSucceeded: 'Microsoft.ContainerService.NodePoolRollingSucceeded',
  nodePoolRollingFailed: 'Microsoft.ContainerService.NodePoolRollingFailed',
} as const;

export const AKS_EVENT_PREFIX = 'Microsoft.ContainerService.';

export type NodePoolRollingStatus = 'Started' | 'Succeeded' | 'Failed';

const ROLLING_STATUS: Record<string, NodePoolRollingStatus> = {
  [AKS_EVENT_TYPES.nodePoolRollingStarted]: 'Started',
  [AKS_EVENT_TYPES.nodePoolRollingSucceeded]: 'Succeeded',
  [AKS_EVENT_TYPES.nodePoolRollingFailed]: 'Failed',
};

export function rollingStatusOf(eventType: string): NodePoolRollingStatus | undefined {
  return ROLLING_STATUS[eventType];
}
