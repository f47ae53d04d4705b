import { ArmError, badRequest, invalidParameter } from '../errors';
import { findVmSize } from '../catalogue/vmSizes';
import { validatePoolName } from './naming';
import { isRestrictedInLocation } from '../compute/skuRestrictions';

/** The facts about a pool request that the AKS pool rules look at. */
export interface PoolRuleInput {
  name: string;
  mode: 'System' | 'User';
  osType: 'Linux' | 'Windows';
  vmSize: string;
  count: number;
  enableAutoScaling: boolean;
  minCount?: number;
  maxCount?: number;
  scaleSetPriority: 'Regular' | 'Spot';
}

export interface ClusterRuleContext {
  location: string;
  networkPlugin: string;
  hasWindowsProfile: boolean;
  enabledAddons: string[];
  requireSgxAddon: boolean;
}

const MAX_COUNT = 1000;

/**
 * `isCreate`: AKS checks count against the autoscaler range only when a pool is created; on update minCount may
 * exceed the current count and the autoscaler converges (Azure/azure-cli-extensions#1606).
 */
export function validatePool(pool: PoolRuleInput, cluster: ClusterRuleContext, isCreate = true): void {
  validatePoolName(pool.name, pool.osType);
  validateMode(pool);
  validateCount(pool);
  validateAutoscaler(pool, isCreate);
  validateVmSize(pool, cluster);
  if (pool.osType === 'Windows') validateWindowsPool(cluster);
}

function validateMode(pool: PoolRuleInput): void {
  if (pool.mode === 'System' && pool.osType !== 'Linux') {
    throw new ArmError(
      400,
      'InvalidParameter',
      `System node pool '${pool.name}' must use the Linux OS type: Windows agent pools cannot be System mode. Please see https://aka.ms/aks/nodepool/mode for more details.`,
      'agentPoolProfile.mode',
    );
  }
  if (pool.mode === 'System' && pool.scaleSetPriority === 'Spot') {
    throw new ArmError(
      400,
      'InvalidParameter',
      `Spot agent pool '${pool.name}' cannot be a System mode agent pool. Spot pools can only be User mode. Please see https://aka.ms/aks/spot for more details.`,
      'agentPoolProfile.mode',
    );
  }
}

function validateCount(pool: PoolRuleInput): void {
  const min = pool.mode === 'System' ? 1 : 0;
  if (!Number.isInteger(pool.count) || pool.count < min || pool.count > MAX_COUNT) {
    throw invalidParameter(
      'agentPoolProfile.count',
      `Count must be between ${min} and ${MAX_COUNT} for a ${pool.mode} agent pool, got ${pool.count}.`,
    );
  }
}

function validateAutoscaler(pool: PoolRuleInput, isCreate: boolean): void {
  if (!pool.enableAutoScaling) return;
  const { minCount, maxCount, count } = pool;
  if (minCount === undefined || maxCount === undefined) {
    throw invalidParameter('agentPoolProfile.minCount', 'minCount and maxCount are required when enableAutoScaling is true.');
  }
  if (minCount > maxCount) {
    throw invalidParameter('agentPoolProfile.minCount', `minCount ${minCount} must be less than or equal to maxCount ${maxCount}.`);
  }
  if (isCreate && (count < minCount || count > maxCount)) {
    throw new ArmError(
      400,
      'InvalidParameter',
      `The value of parameter agentPoolProfile.count is invalid. agentPoolProfile.count was ${count}. It must be greater or equal to minCount:${minCount} and less than or equal to maxCount:${maxCount}.`,
      'agentPoolProfile.count',
    );
  }
}

function validateVmSize(pool: PoolRuleInput, cluster: ClusterRuleContext): void {
  const size = findVmSize(pool.vmSize);
  if (!size || isRestrictedInLocation(size.name, cluster.location)) {
    throw new ArmError(
      400,
      'VMSizeNotSupported',
      `The VM size of ${pool.vmSize} is not supported for creation of VMs and Virtual Machine Scale Set with your subscription in location '${cluster.location}'.`,
      'agentPoolProfile.vmSize',
    );
  }
  if (size.capability === 'confidential-sgx' && cluster.requireSgxAddon && !cluster.enabledAddons.includes('ACCSGXDevicePlugin')) {
    throw badRequest(
      'AddonRequiredForConfidentialComputing',
      `Agent pool '${pool.name}' uses the confidential computing VM size ${size.name} (Intel SGX), which requires the ACCSGXDevicePlugin add-on. Enable the add-on with 'az aks enable-addons --addons confcom'.`,
      'agentPoolProfile.vmSize',
    );
  }
}

function validateWindowsPool(cluster: ClusterRuleContext): void {
  if (cluster.networkPlugin !== 'azure') {
    throw badRequest('AzureCNIOnlyForWindows', 'Windows agent pools can only be added to AKS clusters using Azure-CNI.');
  }
  if (!cluster.hasWindowsProfile) {
    throw badRequest('WindowsProfileMissing', 'Windows profile definition is missing for the cluster.');
  }
}

/** Rules over the whole set of pools of a cluster. */
export function validatePoolSet(pools: readonly { name: string; mode: string }[]): void {
  if (pools.length === 0) {
    throw badRequest('OperationNotAllowed', 'There has to be at least one agent pool.');
  }
  if (!pools.some((p) => p.mode === 'System')) {
    throw badRequest('BadRequest', 'Must define at least one system pool.');
  }
}

export function validateModeChangeToUser(pools: readonly { name: string; mode: string }[], changed: string): void {
  if (!pools.some((p) => p.mode === 'System' && p.name.toLowerCase() !== changed.toLowerCase())) {
    throw lastSystemPool(changed);
  }
}

function lastSystemPool(name: string): ArmError {
  return badRequest(
    'OperationNotAllowed',
    `There has to be at least one system agent pool. Agent pool '${name}' is the last system agent pool and cannot be deleted or changed to User mode.`,
  );
}

export function validatePoolRemoval(pools: readonly { name: string; mode: string }[], removed: string): void {
  const remaining = pools.filter((p) => p.name.toLowerCase() !== removed.toLowerCase());
  if (remaining.length === 0) {
    throw badRequest('OperationNotAllowed', 'There has to be at least one agent pool.');
  }
  if (!remaining.some((p) => p.mode === 'System')) throw lastSystemPool(removed);
}
