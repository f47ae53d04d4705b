import type { Violation } from './violation';

/**
 * Which body fields a rule reads besides the field it reports: `pool` fields of the pool it concerns, `cluster`
 * fields of the cluster body, `everyPool` fields of every pool. A rule missing here reads only its own path
 * (and everything under it). Kept next to the rules' codes in aksRules, guardrails, preflight and clusterUpdatePools.
 */
interface RuleInputs {
  readonly pool?: readonly string[];
  readonly cluster?: readonly string[];
  readonly everyPool?: readonly string[];
  /** Read only when the pool exists: whether its size is checked at all depends on how much it grows. */
  readonly existingPool?: readonly string[];
}

/** What decides how many nodes a write adds to a pool (growth, and surge nodes when its version changes). */
const POOL_GROWTH = ['count', 'autoscaler', 'orchestratorVersion', 'upgradeSettings'];

const RULE_INPUTS: Readonly<Record<string, RuleInputs>> = {
  WindowsPoolNameTooLong: { pool: ['osType'] },
  OsSkuDoesNotMatchOsType: { pool: ['osType'] },
  SystemPoolMustBeLinux: { pool: ['mode'] },
  SystemPoolVmTooSmall: { pool: ['mode'] },
  SystemPoolCountTooLow: { pool: ['mode'] },
  SpotPoolMustBeUser: { pool: ['mode'] },
  AutoscalerRangeInvalid: { pool: ['autoscaler'] },
  CountOutsideAutoscalerRange: { pool: ['count', 'autoscaler'] },
  AzureCNIOnlyForWindows: { cluster: ['network'] },
  NodePoolMcVersionIncompatible: { cluster: ['kubernetesVersion'] },
  PoolVersionTooFarBehind: { cluster: ['kubernetesVersion'] },
  SystemPoolRequired: { everyPool: ['mode'] },
  AgentPoolRemovedInClusterUpdate: { everyPool: ['name'] },
  PoolNodeLimitExceeded: { pool: ['count', 'autoscaler'] },
  ClusterNodeLimitExceeded: { everyPool: ['count', 'autoscaler'] },
  QuotaExceeded: { everyPool: ['vmSize', ...POOL_GROWTH] },
  VmSizeNotAvailable: { existingPool: POOL_GROWTH },
  VmSizeRestricted: { existingPool: POOL_GROWTH },
  AvailabilityZoneNotAvailable: { existingPool: POOL_GROWTH },
};

export interface JudgeContext {
  /** The body is one pool (`PUT|PATCH …/nodePools/{p}`): pool paths have no `nodePools[i]` prefix. */
  readonly poolBody: boolean;
  /** Whether the pool at this body path (`nodePools[2]`, or `""` for a pool body) already exists. */
  readonly isExistingPool: (poolPath: string) => boolean;
}

/** `a` is `b`, or one contains the other (`tags` and `tags.owner`, `nodePools[1]` and `nodePools[1].count`). */
export function pathsOverlap(a: string, b: string): boolean {
  const within = (inner: string, outer: string) =>
    outer === '' || inner === outer || (inner.startsWith(outer) && ['.', '['].includes(inner[outer.length]!));
  return within(a, b) || within(b, a);
}

function poolPathOf(violationPath: string, context: JudgeContext): string | undefined {
  if (context.poolBody) return '';
  return /^nodePools\[\d+\]/.exec(violationPath)?.[0];
}

const at = (base: string, field: string) => (base === '' ? field : `${base}.${field}`);

/** The body paths a violation was judged from: its own field and what its rule reads besides. */
function inputsOf(violation: Violation, context: JudgeContext): { paths: string[]; everyPool: readonly string[] } {
  const inputs = RULE_INPUTS[violation.code] ?? {};
  const poolPath = poolPathOf(violation.path, context);
  const poolFields = [...(inputs.pool ?? []), ...(poolPath !== undefined && context.isExistingPool(poolPath) ? (inputs.existingPool ?? []) : [])];
  return {
    paths: [
      violation.path,
      ...(poolPath === undefined ? [] : poolFields.map((field) => at(poolPath, field))),
      // A pool body carries no cluster fields: those come from the cluster as it is, valid.
      ...(context.poolBody ? [] : (inputs.cluster ?? [])),
      ...(context.poolBody ? (inputs.everyPool ?? []) : []),
    ],
    everyPool: context.poolBody ? [] : (inputs.everyPool ?? []),
  };
}

/** In a cluster body: a dropped pool, the whole list, or that field of any pool. */
function touchesEveryPoolField(dropped: string, fields: readonly string[]): boolean {
  if (dropped === 'nodePools' || /^nodePools\[\d+\]$/.test(dropped)) return true;
  const field = /^nodePools\[\d+\]\.(.+)$/.exec(dropped)?.[1];
  return field !== undefined && fields.some((name) => pathsOverlap(field, name));
}

/**
 * The violations found on a partial body that do not depend on any field left out of it (`dropped`): a rule
 * whose input was invalid is not judged, never guessed from a default or the current value.
 */
export function judgeableViolations(violations: readonly Violation[], dropped: readonly string[], context: JudgeContext): Violation[] {
  if (dropped.length === 0) return [...violations];
  return violations.filter((violation) => {
    const inputs = inputsOf(violation, context);
    return dropped.every(
      (path) =>
        !inputs.paths.some((input) => pathsOverlap(input, path)) &&
        !(inputs.everyPool.length > 0 && touchesEveryPoolField(path, inputs.everyPool)),
    );
  });
}
