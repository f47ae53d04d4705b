import { ArmError, invalidParameter } from '../errors';

const CLUSTER_NAME = /^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$/;
const POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;
const WINDOWS_POOL_NAME_MAX = 6;

export function validateClusterName(name: string): void {
  if (!CLUSTER_NAME.test(name)) {
    throw new ArmError(
      400,
      'InvalidParameter',
      `The value of parameter resourceName '${name}' is invalid. Managed cluster names must be 1-63 characters, start and end with a letter or digit, and contain only letters, digits, '-' and '_'. Please see https://aka.ms/aks-naming-rules for more details.`,
      'resourceName',
    );
  }
}

export function validatePoolName(name: string, osType: string): void {
  if (!POOL_NAME.test(name)) throw invalidParameter('agentPoolProfile.name');
  if (osType === 'Windows' && name.length > WINDOWS_POOL_NAME_MAX) {
    throw new ArmError(
      400,
      'InvalidParameter',
      `Windows agent pool name can not be longer than ${WINDOWS_POOL_NAME_MAX} characters. Agent pool name '${name}' has ${name.length} characters. Please see https://aka.ms/aks-naming-rules for more details.`,
      'agentPoolProfile.name',
    );
  }
}
