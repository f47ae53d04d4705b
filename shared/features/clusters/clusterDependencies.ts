import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { ArmClients } from '../../platform/arm/armClients';
import type { Settings } from '../../platform/settings/settings';
import type { GuardrailsStore } from '../guardrails';
import type { IdempotencyStore } from '../idempotency';
import type { ArmOperationRunner, OperationStore } from '../operations';
import { RegionCapacities } from './regionCapacities';
import { VersionCatalogues } from './versionCatalogues';
import { windowsAdminCredentials, type WindowsAdminCredentials } from './windowsAdminCredentials';

/** Everything the cluster and node pool use cases need; tests build it over Azurite and the emulator. */
export interface ClusterDependencies {
  containerService: (subscriptionId: string) => ContainerServiceClient;
  operations: ArmOperationRunner;
  operationStore: OperationStore;
  idempotency: IdempotencyStore;
  guardrails: GuardrailsStore;
  catalogues: VersionCatalogues;
  /** VM sizes and vCPU quotas per subscription and region, for the preflight of every write. */
  capacities: RegionCapacities;
  windowsCredentials: () => WindowsAdminCredentials | undefined;
}

export function buildClusterDependencies(
  shared: { arm: ArmClients; operations: ArmOperationRunner; operationStore: OperationStore; idempotency: IdempotencyStore; settings: Settings },
  guardrails: GuardrailsStore,
): ClusterDependencies {
  const containerService = (subscriptionId: string) => shared.arm.containerService(subscriptionId);
  return {
    containerService,
    operations: shared.operations,
    operationStore: shared.operationStore,
    idempotency: shared.idempotency,
    guardrails,
    catalogues: new VersionCatalogues(containerService),
    capacities: new RegionCapacities((subscriptionId) => shared.arm.compute(subscriptionId)),
    windowsCredentials: () => windowsAdminCredentials(shared.settings),
  };
}
