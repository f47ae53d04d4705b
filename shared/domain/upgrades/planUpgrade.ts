import { formatKubernetesVersion } from '../fleet/kubernetesVersion';
import { isRejection } from './rejections';
import { checkRequest } from './requestChecks';
import type {
  ClusterVersions,
  UpgradePlan,
  UpgradeRejection,
  UpgradeRequest,
  UpgradeStep,
  VersionSources,
} from './types';
import type { UpgradeContext } from './upgradeContext';
import { prepareUpgrade } from './upgradeContext';
import { controlPlaneOnlySteps, fullUpgradeSteps, nodePoolOnlySteps } from './upgradeSteps';
import type { ExactVersion } from './versions';

/**
 * The ARM operations that take the cluster from where it is to the request's target without ever
 * breaking AKS's rules: no minor skipped (except a permitted first skip of a full upgrade), no pool
 * above the control plane, skew kept after every step.
 */
export function planUpgrade(
  sources: VersionSources,
  cluster: ClusterVersions,
  request: UpgradeRequest,
): UpgradePlan | UpgradeRejection {
  const context = prepareUpgrade(sources, cluster, request);
  if (isRejection(context)) return context;
  const target = checkRequest(context);
  if (isRejection(target)) return target;
  const steps = stepsFor(context, target);
  if (!Array.isArray(steps)) return steps;
  return { ok: true, resolvedTarget: formatKubernetesVersion(target), steps };
}

function stepsFor(context: UpgradeContext, target: ExactVersion): UpgradeStep[] | UpgradeRejection {
  switch (context.request.upgradeType) {
    case 'Full':
      return fullUpgradeSteps(context, target);
    case 'ControlPlaneOnly':
      return controlPlaneOnlySteps(context, target);
    case 'NodePoolOnly':
      return nodePoolOnlySteps(context, target);
  }
}
