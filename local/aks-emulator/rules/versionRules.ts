import { ArmError, badRequest } from '../errors';
import type { VersionCatalogue } from '../catalogue/versions';
import { compareVersions, minorDistance, minorOf, parseVersion } from '../catalogue/versions';

/** The largest number of minors a pool may trail the control plane (Kubernetes ≥ 1.28). */
export const MAX_POOL_SKEW = 3;

const VERSION_POLICY = 'For more information, please check https://aka.ms/version-skew-policy';

export function versionNotSupported(version: string, forPool: boolean): ArmError {
  return badRequest(
    forPool ? 'AgentPoolK8sVersionNotSupported' : 'K8sVersionNotSupported',
    `Version ${version} is not supported in this region. Please use [az aks get-versions] command to get the supported version list in this region. For more information, please check https://aka.ms/supported-version-list`,
  );
}

/** Resolves a requested version for a new cluster or pool; refuses unknown versions and LTS-only minors without LTS. */
export function resolveRequestedVersion(
  catalogue: VersionCatalogue,
  requested: string | undefined,
  options: { forPool: boolean; supportPlan?: string; fieldName: string },
): string {
  const text = (requested ?? '').trim();
  if (text !== '' && !parseVersion(text)) {
    throw new ArmError(
      400,
      'InvalidParameter',
      `The value of parameter ${options.fieldName} is invalid. Please see https://aka.ms/aks-naming-rules for more details.`,
      options.fieldName,
    );
  }
  const resolved = catalogue.resolve(text);
  if (resolved === undefined) throw versionNotSupported(text, options.forPool);
  const plan = options.supportPlan === 'AKSLongTermSupport' ? 'AKSLongTermSupport' : 'KubernetesOfficial';
  if (!options.forPool && !catalogue.supportsPlan(resolved, plan)) {
    throw badRequest(
      'K8sVersionNotSupported',
      `Version ${resolved} is not supported with support plan ${plan}: minor version ${minorOf(resolved)} is only available with the AKSLongTermSupport support plan (Premium tier). Please see https://aka.ms/aks/lts for more details.`,
    );
  }
  return resolved;
}

/** Control plane: no downgrade, no minor skip. */
export function validateControlPlaneUpgrade(catalogue: VersionCatalogue, current: string, target: string): void {
  if (compareVersions(target, current) === 0) return;
  const allowed = catalogue.upgradesFrom(current);
  if (compareVersions(target, current) < 0 || !allowed.includes(target)) {
    const available = [...allowed].sort((a, b) => compareVersions(b, a)).join(' ');
    throw badRequest(
      'OperationNotAllowed',
      `Upgrading Kubernetes version ${current} to ${target} is not allowed. Available upgrades: [${available}]. Please see https://aka.ms/aks-supported-k8s-ver for version details.`,
    );
  }
}

/** Every pool must stay within the skew limit of the new control-plane version. */
export function validateSkewForControlPlane(target: string, poolVersions: readonly { name: string; version: string }[]): void {
  for (const pool of poolVersions) {
    if (minorDistance(pool.version, target) > MAX_POOL_SKEW) {
      throw skewError(pool.version, target);
    }
  }
}

/** Pool version change (or a new pool): one minor at a time, never a downgrade, never ahead of the control plane. */
export function validatePoolVersion(current: string | undefined, target: string, controlPlane: string): void {
  if (current !== undefined && compareVersions(target, current) !== 0) {
    const distance = minorDistance(current, target);
    if (compareVersions(target, current) < 0 || distance > 1) {
      throw badRequest(
        'AgentPoolUpgradeVersionNotAllowed',
        `Upgrade agent pool version from ${current} to ${target} is not allowed, you can only upgrade one minor version at a time. Please use [az aks get-upgrades] command to get the supported upgrade paths. ${VERSION_POLICY}`,
      );
    }
  }
  if (compareVersions(target, controlPlane) > 0) {
    const pool = parseVersion(target);
    const cp = parseVersion(controlPlane);
    const detail =
      pool && cp && pool.minor > cp.minor
        ? `Minor version of node pool version ${pool.minor} is bigger than control plane version ${cp.minor}.`
        : `Node pool version ${target} is greater than control plane version ${controlPlane}.`;
    throw badRequest(
      'NodePoolMcVersionIncompatible',
      `Node pool version ${target} and control plane version ${controlPlane} are incompatible. ${detail} ${VERSION_POLICY}`,
    );
  }
  if (minorDistance(target, controlPlane) > MAX_POOL_SKEW) throw skewError(target, controlPlane);
}

function skewError(poolVersion: string, controlPlane: string): ArmError {
  return badRequest(
    'NodePoolMcVersionIncompatible',
    `Node pool version ${poolVersion} and control plane version ${controlPlane} are incompatible. Minor version of node pool cannot be more than ${MAX_POOL_SKEW} versions less than control plane's version. ${VERSION_POLICY}`,
  );
}
