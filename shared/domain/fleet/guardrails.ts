import type { ClusterSpec } from './clusterSpec';
import type { Guardrails } from './guardrailsSchema';
import type { NodePoolSpec } from './nodePoolSpec';
import { compareKubernetesVersions, compareMinors, tryParseKubernetesVersion } from './kubernetesVersion';
import { poolNodeCeiling } from './effectiveDefaults';
import type { VersionCatalogue } from './versionCatalogue';
import { isPreviewVersion } from './versionCatalogue';
import type { Violation } from './violation';
import { joinPath } from './violation';
import { describeVmSize, vmSizeMatches } from './vmSizes';

export const guardrailCodes = {
  locationNotAllowed: 'LocationNotAllowed',
  vmSizeNotAllowed: 'VmSizeNotAllowed',
  vmFamilyNotAllowed: 'VmFamilyNotAllowed',
  kubernetesVersionNotAllowed: 'KubernetesVersionNotAllowed',
  previewVersionNotAllowed: 'PreviewVersionNotAllowed',
  requiredTagMissing: 'RequiredTagMissing',
  poolNodeLimitExceeded: 'PoolNodeLimitExceeded',
  clusterNodeLimitExceeded: 'ClusterNodeLimitExceeded',
  kubernetesRbacRequired: 'KubernetesRbacRequired',
  entraIdRequired: 'EntraIdRequired',
  windowsNotAllowed: 'WindowsNotAllowed',
} as const;

export interface GuardrailContext {
  /** The location's version catalogue; without it preview versions cannot be recognised and are not reported. */
  readonly catalogue?: VersionCatalogue;
}

/** Every guardrail a cluster spec breaks, each with the field path; an empty array means compliant. */
export function evaluateGuardrails(
  spec: ClusterSpec,
  guardrails: Guardrails,
  context: GuardrailContext = {},
): Violation[] {
  return [
    ...locationViolations(spec.location, guardrails),
    ...kubernetesVersionViolations(spec.kubernetesVersion, 'kubernetesVersion', guardrails, context),
    ...requiredTagViolations(spec.tags, guardrails),
    ...accessControlViolations(spec, guardrails),
    ...spec.nodePools.flatMap((pool, index) =>
      evaluateNodePoolGuardrails(pool, guardrails, { ...context, basePath: `nodePools[${index}]` }),
    ),
    ...clusterNodeLimitViolations(spec.nodePools, guardrails),
  ];
}

export interface NodePoolGuardrailContext extends GuardrailContext {
  /** Prefix of the reported paths: `nodePools[2]` inside a cluster spec, `""` for a standalone pool body. */
  readonly basePath?: string;
  /** Nodes the other pools of the cluster may reach, to check `maxNodesPerCluster` on a standalone pool write. */
  readonly otherPoolsNodeCeiling?: number;
}

/** Guardrails of one pool; used by `evaluateGuardrails` and by the standalone node pool endpoints. */
export function evaluateNodePoolGuardrails(
  pool: Partial<NodePoolSpec> & Pick<NodePoolSpec, 'vmSize'>,
  guardrails: Guardrails,
  context: NodePoolGuardrailContext = {},
): Violation[] {
  const at = (field: string) => joinPath(context.basePath ?? '', field);
  const violations: Violation[] = [...vmSizeViolations(pool.vmSize, at('vmSize'), guardrails)];
  violations.push(
    ...kubernetesVersionViolations(pool.orchestratorVersion, at('orchestratorVersion'), guardrails, context),
  );
  if (guardrails.allowWindows === false && pool.osType === 'Windows') {
    violations.push({
      path: at('osType'),
      code: guardrailCodes.windowsNotAllowed,
      message: 'Windows node pools are not allowed by the fleet guardrails',
    });
  }
  const ceiling = poolNodeCeiling(pool);
  if (guardrails.maxNodesPerPool !== undefined && ceiling > guardrails.maxNodesPerPool) {
    violations.push({
      path: at(pool.autoscaler ? 'autoscaler.maxCount' : 'count'),
      code: guardrailCodes.poolNodeLimitExceeded,
      message: `the pool may reach ${ceiling} nodes, above the maximum of ${guardrails.maxNodesPerPool} nodes per pool`,
    });
  }
  if (context.otherPoolsNodeCeiling !== undefined && guardrails.maxNodesPerCluster !== undefined) {
    const total = context.otherPoolsNodeCeiling + ceiling;
    if (total > guardrails.maxNodesPerCluster) {
      violations.push({
        path: at(pool.autoscaler ? 'autoscaler.maxCount' : 'count'),
        code: guardrailCodes.clusterNodeLimitExceeded,
        message: `the cluster may reach ${total} nodes, above the maximum of ${guardrails.maxNodesPerCluster} nodes per cluster`,
      });
    }
  }
  return violations;
}

function locationViolations(location: string, guardrails: Guardrails): Violation[] {
  const allowed = guardrails.allowedLocations;
  if (!allowed || allowed.some((candidate) => candidate.toLowerCase() === location.toLowerCase())) return [];
  return [
    {
      path: 'location',
      code: guardrailCodes.locationNotAllowed,
      message: `location "${location}" is not allowed; allowed: ${allowed.join(', ')}`,
    },
  ];
}

function vmSizeViolations(vmSize: string, path: string, guardrails: Guardrails): Violation[] {
  const violations: Violation[] = [];
  const allowedSizes = guardrails.allowedVmSizes;
  if (allowedSizes && !allowedSizes.some((pattern) => vmSizeMatches(pattern, vmSize))) {
    violations.push({
      path,
      code: guardrailCodes.vmSizeNotAllowed,
      message: `VM size "${vmSize}" is not allowed; allowed: ${allowedSizes.join(', ')}`,
    });
  }
  const family = describeVmSize(vmSize).family;
  const allowedFamilies = guardrails.allowedVmFamilies;
  if (allowedFamilies && !allowedFamilies.includes(family)) {
    violations.push({
      path,
      code: guardrailCodes.vmFamilyNotAllowed,
      message: `VM size "${vmSize}" is in the ${family} family, which is not allowed; allowed families: ${allowedFamilies.join(', ')}`,
    });
  }
  return violations;
}

function kubernetesVersionViolations(
  versionText: string | undefined,
  path: string,
  guardrails: Guardrails,
  context: GuardrailContext,
): Violation[] {
  if (versionText === undefined || versionText === '') return [];
  const version = tryParseKubernetesVersion(versionText);
  if (!version) return [];
  const violations: Violation[] = [];
  const allowed = guardrails.allowedKubernetesVersions;
  const isAllowed = (entry: string) => {
    const rule = tryParseKubernetesVersion(entry);
    if (!rule) return false;
    return rule.patch === undefined
      ? compareMinors(rule, version) === 0
      : compareKubernetesVersions(rule, version) === 0;
  };
  if (allowed && !allowed.some(isAllowed)) {
    violations.push({
      path,
      code: guardrailCodes.kubernetesVersionNotAllowed,
      message: `Kubernetes version ${versionText} is not allowed; allowed: ${allowed.join(', ')}`,
    });
  }
  if (
    guardrails.allowPreviewVersions !== true &&
    context.catalogue &&
    isPreviewVersion(context.catalogue, version)
  ) {
    violations.push({
      path,
      code: guardrailCodes.previewVersionNotAllowed,
      message: `Kubernetes version ${versionText} is a preview version, which the guardrails do not allow`,
    });
  }
  return violations;
}

function requiredTagViolations(
  tags: Readonly<Record<string, string>> | undefined,
  guardrails: Guardrails,
): Violation[] {
  return (guardrails.requiredTags ?? [])
    .filter((key) => !tags?.[key]?.trim())
    .map((key) => ({
      path: `tags.${key}`,
      code: guardrailCodes.requiredTagMissing,
      message: `tag "${key}" is required and must not be empty`,
    }));
}

function accessControlViolations(spec: ClusterSpec, guardrails: Guardrails): Violation[] {
  const violations: Violation[] = [];
  if (guardrails.requireKubernetesRbac === true && spec.kubernetesRbac === false) {
    violations.push({
      path: 'kubernetesRbac',
      code: guardrailCodes.kubernetesRbacRequired,
      message: 'Kubernetes RBAC is required by the fleet guardrails and cannot be disabled',
    });
  }
  if (guardrails.requireEntraId === true && !spec.entraId) {
    violations.push({
      path: 'entraId',
      code: guardrailCodes.entraIdRequired,
      message: 'Entra ID integration is required by the fleet guardrails',
    });
  }
  return violations;
}

function clusterNodeLimitViolations(pools: ReadonlyArray<NodePoolSpec>, guardrails: Guardrails): Violation[] {
  if (guardrails.maxNodesPerCluster === undefined) return [];
  const total = pools.reduce((sum, pool) => sum + poolNodeCeiling(pool), 0);
  if (total <= guardrails.maxNodesPerCluster) return [];
  return [
    {
      path: 'nodePools',
      code: guardrailCodes.clusterNodeLimitExceeded,
      message: `the cluster may reach ${total} nodes, above the maximum of ${guardrails.maxNodesPerCluster} nodes per cluster`,
    },
  ];
}
