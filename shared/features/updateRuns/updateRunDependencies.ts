import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { RegionCapacity } from '../../domain/fleet/regionCapacity';
import type { Clock } from '../../platform/clock/clock';
import type { LogRowsResult } from '../../platform/monitor/logsClient';
import type { KickRun, RequestPreflight, SelectClustersByTags } from './updateRunPorts';
import type { UpdateRunStore } from './updateRunStore';

/** What the update-run API needs; the composition root wires it (tests build it over Azurite and the emulator). */
export interface UpdateRunDependencies {
  store: UpdateRunStore;
  containerService: (subscriptionId: string) => ContainerServiceClient;
  /** Node-pool subnets (free addresses for surge nodes). */
  network: (subscriptionId: string) => NetworkManagementClient;
  /** ARM's Kubernetes versions of a region (the clusters feature's cached catalogue). */
  versionCatalogue: (subscriptionId: string, location: string) => Promise<unknown>;
  /** VM sizes and vCPU quotas of a region (the clusters feature's cached capacities). */
  regionCapacity: (subscriptionId: string, location: string) => Promise<RegionCapacity>;
  /** Fleetplane's operations that have not finished, with the ARM id each changes. */
  activeOperations: () => Promise<{ id: string; target: string }[]>;
  workspaceCustomerId: (workspaceResourceId: string) => Promise<string>;
  queryWorkspace: (workspaceId: string, query: string, range: { start: Date; end: Date }) => Promise<LogRowsResult>;
  selectClustersByTags: SelectClustersByTags;
  kickRun: KickRun;
  requestPreflight: RequestPreflight;
  clock: Clock;
  publicBaseUrl?: string;
}
