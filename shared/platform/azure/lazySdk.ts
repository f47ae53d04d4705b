/**
 * The heaviest Azure SDK packages, loaded on first use rather than when a function module loads: a cold
 * Functions worker then pays for them only when a request actually needs ARM or a managed identity (health,
 * OpenAPI and local connection strings never do). `npm run bench:startup` measures the module-load time.
 */
import type * as ArmCompute from '@azure/arm-compute';
import type * as ArmContainerService from '@azure/arm-containerservice';
import type * as ArmNetwork from '@azure/arm-network';
import type * as Identity from '@azure/identity';
import type * as StorageQueue from '@azure/storage-queue';

let compute: typeof ArmCompute | undefined;
let containerService: typeof ArmContainerService | undefined;
let network: typeof ArmNetwork | undefined;
let identity: typeof Identity | undefined;
let storageQueue: typeof StorageQueue | undefined;

export function armContainerServiceSdk(): typeof ArmContainerService {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  containerService ??= require('@azure/arm-containerservice') as typeof ArmContainerService;
  return containerService;
}

/** Compute's Resource SKUs and usages, read only by write preflights. */
export function armComputeSdk(): typeof ArmCompute {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  compute ??= require('@azure/arm-compute') as typeof ArmCompute;
  return compute;
}

/** Network's subnets, read only by update-run preflights (free addresses for surge nodes). */
export function armNetworkSdk(): typeof ArmNetwork {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  network ??= require('@azure/arm-network') as typeof ArmNetwork;
  return network;
}

export function identitySdk(): typeof Identity {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  identity ??= require('@azure/identity') as typeof Identity;
  return identity;
}

export function storageQueueSdk(): typeof StorageQueue {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  storageQueue ??= require('@azure/storage-queue') as typeof StorageQueue;
  return storageQueue;
}
