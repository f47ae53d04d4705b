import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { services, type Services } from '../../app';
import type { IdempotencyStore } from '../idempotency/idempotencyStore';
import type { ArmOperationRunner } from '../operations/armOperationRunner';
import type { OperationStore } from '../operations/operationStore';
import { guardrailsStore } from '../guardrails/guardrailsServices';
import type { GuardrailsStore } from '../guardrails/guardrailsStore';
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
  windowsCredentials: () => WindowsAdminCredentials | undefined;
}

export function buildClusterDependencies(
  shared: Pick<Services, 'arm' | 'operations' | 'operationStore' | 'idempotency' | 'settings'>,
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
    windowsCredentials: () => windowsAdminCredentials(shared.settings),
  };
}

let current: ClusterDependencies | undefined;

/** Built once per process over the shared services. */
export function clusterDependencies(): ClusterDependencies {
  current ??= buildClusterDependencies(services(), guardrailsStore());
  return current;
}
