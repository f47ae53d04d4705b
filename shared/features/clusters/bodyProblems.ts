import type { FieldIssue } from '../../domain/errors';
import {
  atBodyPoolIndexes,
  judgeableViolations,
  partialClusterPatch,
  partialClusterSpec,
  partialNodePoolPatch,
  partialNodePoolPut,
  type JudgeContext,
  type PartialBody,
  type Violation,
} from '../../domain/fleet';
import type { ClusterPatch, ClusterSpec } from '../../domain/fleet/clusterSpec';
import type { NodePoolPatch, NodePoolPut } from '../../domain/fleet/nodePoolSpec';
import { BodyValidationError, type CheckedBody } from '../../platform/http/validation';
import { throwIfViolations } from './clusterValidation';

/**
 * What a write body's schema found: its issues, the fields left out of the value judged (`dropped`) and, for a
 * cluster body, where each judged pool stands in the body. A body that passed has none.
 */
export interface SchemaProblems {
  readonly issues: FieldIssue[];
  readonly dropped: readonly string[];
  readonly poolIndexes?: readonly number[];
}

export const NO_SCHEMA_PROBLEMS: SchemaProblems = { issues: [], dropped: [] };

/** A write body to judge: the valid value, or the judgeable part of an invalid one with its schema problems. */
export interface JudgedBody<T> {
  readonly value: T;
  readonly schema: SchemaProblems;
}

function judgedBodyOf<T>(body: CheckedBody<T>, partialOf: (json: unknown) => (PartialBody<T> & { poolIndexes?: readonly number[] }) | undefined): JudgedBody<T> {
  if (body.valid) return { value: body.value, schema: NO_SCHEMA_PROBLEMS };
  const partial = partialOf(body.json);
  // Nothing can be judged without the body's region or pool size: answer its schema issues, as any invalid body.
  if (!partial) throw new BodyValidationError(body.issues, []);
  return {
    value: partial.value,
    schema: { issues: body.issues, dropped: partial.dropped, ...(partial.poolIndexes ? { poolIndexes: partial.poolIndexes } : {}) },
  };
}

/**
 * Runs the write of a judged body. A body that failed its schema always answers 400: its schema issues with what
 * the judgement found, or, when the judgement could not finish (the caller may not see the cluster, it is gone,
 * ARM or the caller's read budget refused), its schema issues alone, as before.
 */
export async function writeJudgedBody<T>(schema: SchemaProblems, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (schema.issues.length === 0 || error instanceof BodyValidationError) throw error;
    throw new BodyValidationError(schema.issues, []);
  }
}

export const judgedClusterSpec = (body: CheckedBody<ClusterSpec>) => judgedBodyOf(body, partialClusterSpec);
export const judgedClusterPatch = (body: CheckedBody<ClusterPatch>) => judgedBodyOf(body, partialClusterPatch);
export const judgedNodePoolPut = (body: CheckedBody<NodePoolPut>) => judgedBodyOf(body, partialNodePoolPut);
export const judgedNodePoolPatch = (body: CheckedBody<NodePoolPatch>) => judgedBodyOf(body, partialNodePoolPatch);

/**
 * Throws one ValidationError (→ one 400) with the schema issues and every violation that does not depend on
 * a field the schema refused; returns only when there is neither. So nothing is ever written for an invalid body.
 */
export function throwIfProblems(schema: SchemaProblems, violations: Violation[], what: string, context: JudgeContext): void {
  if (schema.issues.length === 0) {
    throwIfViolations(violations, what);
    return;
  }
  const located = schema.poolIndexes ? atBodyPoolIndexes(violations, schema.poolIndexes) : violations;
  throw new BodyValidationError(schema.issues, judgeableViolations(located, schema.dropped, context));
}

/** For a cluster body: whether the pool at `nodePools[i]` (a body index) is one the cluster has now. */
export function clusterJudgeContext(
  spec: ClusterSpec,
  schema: SchemaProblems,
  existing: { nodePools: ReadonlyArray<{ name: string }> } | undefined,
): JudgeContext {
  const existingNames = new Set(existing?.nodePools.map((pool) => pool.name.toLowerCase()));
  const existingBodyPaths = new Set(
    spec.nodePools.flatMap((pool, index) =>
      existingNames.has(pool.name.toLowerCase()) ? [`nodePools[${schema.poolIndexes?.[index] ?? index}]`] : [],
    ),
  );
  return { poolBody: false, isExistingPool: (poolPath) => existingBodyPaths.has(poolPath) };
}

/** For a pool body: whether the pool it writes exists. */
export function poolJudgeContext(poolExists: boolean): JudgeContext {
  return { poolBody: true, isExistingPool: () => poolExists };
}
