import type { UpgradeRejection } from './types';

/**
 * Every upgrade rejection, worded as AKS words it where its message is known (azure-apis.md §2,
 * learn.microsoft.com troubleshoot/azure/azure-kubernetes/error-codes/aks-upgrade-blocked), with AKS's
 * error code in `azureErrorCode`. One builder per situation keeps the wording in one place.
 */

export function isRejection<T extends object>(value: T | UpgradeRejection): value is UpgradeRejection {
  return 'ok' in value && value.ok === false;
}

const skewPolicyLink = 'For more information, please check https://aka.ms/version-skew-policy';

/** AKS's sentence for one pool as is; prefixed with each pool's name when several pools are at fault. */
function perPool<T extends { pool: string }>(entries: T[], sentence: (entry: T) => string): string {
  if (entries.length === 1) return sentence(entries[0]!);
  return entries.map((entry) => `${entry.pool}: ${sentence(entry)}`).join(' ');
}

function minorNumber(version: string): number {
  return Number(version.split('.')[1]);
}

export function controlPlaneUpgradeNotAllowed(
  kind: 'DOWNGRADE_NOT_ALLOWED' | 'MINOR_VERSION_SKIP',
  from: string,
  to: string,
  availableUpgrades: string[],
): UpgradeRejection {
  return {
    ok: false,
    errorKind: kind,
    azureErrorCode: 'OperationNotAllowed',
    message:
      `Upgrading Kubernetes version ${from} to ${to} is not allowed. Available upgrades: ` +
      `[${availableUpgrades.join(' ')}]. Please see https://aka.ms/aks-supported-k8s-ver for version details.`,
  };
}

export function poolUpgradeNotAllowed(
  kind: 'DOWNGRADE_NOT_ALLOWED' | 'MINOR_VERSION_SKIP',
  moves: Array<{ pool: string; from: string; to: string }>,
): UpgradeRejection {
  const sentences = perPool(
    moves,
    ({ from, to }) =>
      `Upgrade agent pool version from ${from} to ${to} is not allowed, you can only upgrade one minor version at a time.`,
  );
  return {
    ok: false,
    errorKind: kind,
    azureErrorCode: 'AgentPoolUpgradeVersionNotAllowed',
    offendingPools: moves.map((move) => move.pool),
    message: `${sentences} Please use [az aks get-upgrades] command to get the supported upgrade paths. ${skewPolicyLink}`,
  };
}

export function versionNotAvailable(version: string, scope: 'controlPlane' | 'nodePool'): UpgradeRejection {
  return {
    ok: false,
    errorKind: 'VERSION_NOT_AVAILABLE',
    azureErrorCode: scope === 'controlPlane' ? 'K8sVersionNotSupported' : 'AgentPoolK8sVersionNotSupported',
    message:
      `Version ${version} is not supported in this region. Please use [az aks get-versions] command to get ` +
      'the supported version list in this region. For more information, please check https://aka.ms/supported-version-list',
  };
}

export function notAVersion(text: string, what: string): UpgradeRejection {
  return {
    ok: false,
    errorKind: 'VERSION_NOT_AVAILABLE',
    message: `${what} "${text}" is not a Kubernetes version (expected x.y.z${what === 'Target' ? ' or x.y' : ''}).`,
  };
}

export function previewNotAllowed(version: string): UpgradeRejection {
  return {
    ok: false,
    errorKind: 'PREVIEW_NOT_ALLOWED',
    message: `Kubernetes ${version} is a preview version; set allowPreview to upgrade to it.`,
  };
}

export function poolNewerThanControlPlane(
  pools: Array<{ pool: string; version: string }>,
  controlPlane: string,
): UpgradeRejection {
  const sentences = perPool(pools, ({ version }) => {
    const [poolMinor, controlPlaneMinor] = [minorNumber(version), minorNumber(controlPlane)];
    const reason =
      poolMinor > controlPlaneMinor
        ? `Minor version of node pool version ${poolMinor} is bigger than control plane version ${controlPlaneMinor}.`
        : 'Node pool version cannot be greater than the control plane version.';
    return `Node pool version ${version} and control plane version ${controlPlane} are incompatible. ${reason}`;
  });
  return {
    ok: false,
    errorKind: 'NODE_POOL_NEWER_THAN_CONTROL_PLANE',
    azureErrorCode: 'NodePoolMcVersionIncompatible',
    offendingPools: pools.map((entry) => entry.pool),
    message: `${sentences} ${skewPolicyLink}`,
  };
}

export function skewExceeded(
  pools: Array<{ pool: string; version: string }>,
  controlPlane: string,
  maxMinorsBehind: number,
): UpgradeRejection {
  const sentences = perPool(
    pools,
    ({ version }) =>
      `Node pool version ${version} and control plane version ${controlPlane} are incompatible. ` +
      `Minor version of node pool cannot be more than ${maxMinorsBehind} versions less than control plane's version.`,
  );
  return {
    ok: false,
    errorKind: 'VERSION_SKEW_EXCEEDED',
    azureErrorCode: 'NodePoolMcVersionIncompatible',
    offendingPools: pools.map((entry) => entry.pool),
    message: `${sentences} Upgrade those node pools before upgrading the control plane. ${skewPolicyLink}`,
  };
}

export function noUpgradePath(
  from: string,
  to: string,
  missingMinor: string,
  pools?: string[],
): UpgradeRejection {
  return {
    ok: false,
    errorKind: 'NO_UPGRADE_PATH',
    ...(pools ? { offendingPools: pools } : {}),
    message: `There is no upgrade path from ${from} to ${to}: minor ${missingMinor} is not offered in this region for the cluster's support plan, and minors can't be skipped.`,
  };
}

export function unknownPool(pool: string): UpgradeRejection {
  return {
    ok: false,
    errorKind: 'NO_UPGRADE_PATH',
    offendingPools: [pool],
    message: `The cluster has no node pool named ${pool}.`,
  };
}

export function controlPlaneOnlyWithAutoUpgrade(channel: string): UpgradeRejection {
  return {
    ok: false,
    errorKind: 'CONTROL_PLANE_ONLY_WITH_AUTOUPGRADE',
    azureErrorCode: 'NotAllAgentPoolOrchestratorVersionSpecifiedAndUnchanged',
    message:
      `A control-plane-only upgrade is not possible while the cluster auto-upgrade channel is "${channel}": ` +
      'auto-upgrade moves the node pools with the control plane. Set the channel to "none" or run a full upgrade.',
  };
}

export function controlPlaneOnlyOnUnsupportedVersion(controlPlane: string): UpgradeRejection {
  return {
    ok: false,
    errorKind: 'CONTROL_PLANE_ONLY_NOT_SUPPORTED_FOR_UNSUPPORTED_VERSION',
    message:
      `The control plane is on ${controlPlane}, which is out of support for the cluster's support plan; ` +
      'a cluster on an unsupported version returns to support with a full upgrade (control plane and node pools), not a control-plane-only one.',
  };
}
