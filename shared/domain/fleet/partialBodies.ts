import type { z } from 'zod';
import { clusterPatchSchema, clusterSpecSchema, type ClusterPatch, type ClusterSpec } from './clusterSpec';
import { MAX_NODE_POOLS } from './inputLimits';
import { nodePoolPatchSchema, nodePoolPutSchema, nodePoolSpecSchema, type NodePoolPatch, type NodePoolPut, type NodePoolSpec } from './nodePoolSpec';
import { joinPath, type Violation } from './violation';

/**
 * The part of a body that failed its schema which can still be judged: every field that passes its own schema,
 * and the paths of the fields left out (`dropped`), so no rule that reads them is reported on a guess.
 */
export interface PartialBody<T> {
  readonly value: T;
  readonly dropped: readonly string[];
}

/** A cluster body with only its schema-valid pools; `poolIndexes[i]` is where pool `i` stands in the body. */
export interface PartialClusterSpec extends PartialBody<ClusterSpec> {
  readonly poolIndexes: readonly number[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Each field of `raw` that passes its own schema; `undefined` when `raw` is no object or a field in `required`
 * fails (a body without its identity or region cannot be judged at all).
 */
function validFields(
  shape: Record<string, z.ZodType>,
  raw: unknown,
  basePath: string,
  required: readonly string[] = [],
): PartialBody<Record<string, unknown>> | undefined {
  if (!isRecord(raw)) return undefined;
  const value: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const result = schema.safeParse(Object.hasOwn(raw, key) ? raw[key] : undefined);
    if (!result.success) {
      if (required.includes(key)) return undefined;
      dropped.push(joinPath(basePath, key));
    } else if (result.data !== undefined) {
      value[key] = result.data;
    }
  }
  return { value, dropped };
}

const { nodePools: _nodePools, ...clusterFieldShape } = clusterSpecSchema.shape;

/** A pool is named and sized by its body; one without a valid name and VM size is left out whole. */
const POOL_IDENTITY = ['name', 'vmSize'];

/** The judgeable part of a `PUT …/clusters/{c}` body; `undefined` without a valid `location` (every preflight needs it). */
export function partialClusterSpec(raw: unknown): PartialClusterSpec | undefined {
  const fields = validFields(clusterFieldShape, raw, '', ['location']);
  if (!fields) return undefined;
  const rawPools = (raw as Record<string, unknown>).nodePools;
  const dropped = [...fields.dropped];
  const nodePools: NodePoolSpec[] = [];
  const poolIndexes: number[] = [];
  if (!Array.isArray(rawPools) || rawPools.length < 1 || rawPools.length > MAX_NODE_POOLS) dropped.push('nodePools');
  (Array.isArray(rawPools) ? rawPools : []).forEach((rawPool, index) => {
    const pool = validFields(nodePoolSpecSchema.shape, rawPool, `nodePools[${index}]`, POOL_IDENTITY);
    if (!pool) {
      dropped.push(`nodePools[${index}]`);
      return;
    }
    nodePools.push(pool.value as NodePoolSpec);
    poolIndexes.push(index);
    dropped.push(...pool.dropped);
  });
  return { value: { ...(fields.value as Omit<ClusterSpec, 'nodePools'>), nodePools }, dropped, poolIndexes };
}

/** The judgeable part of a `PATCH …/clusters/{c}` body; `undefined` when its `location` is invalid. */
export function partialClusterPatch(raw: unknown): PartialBody<ClusterPatch> | undefined {
  return validFields(clusterPatchSchema.shape, raw, '', ['location']);
}

/** The judgeable part of a `PUT …/nodePools/{p}` body; `undefined` without a valid `vmSize`. */
export function partialNodePoolPut(raw: unknown): PartialBody<NodePoolPut> | undefined {
  return validFields(nodePoolPutSchema.shape, raw, '', ['vmSize']) as PartialBody<NodePoolPut> | undefined;
}

/** The judgeable part of a `PATCH …/nodePools/{p}` body. */
export function partialNodePoolPatch(raw: unknown): PartialBody<NodePoolPatch> | undefined {
  return validFields(nodePoolPatchSchema.shape, raw, '');
}

/** Paths of violations judged on the partial spec, renumbered to the pools' places in the body. */
export function atBodyPoolIndexes(violations: readonly Violation[], poolIndexes: readonly number[]): Violation[] {
  return violations.map((violation) => ({
    ...violation,
    path: violation.path.replace(/^nodePools\[(\d+)\]/, (whole, index: string) => {
      const bodyIndex = poolIndexes[Number(index)];
      return bodyIndex === undefined ? whole : `nodePools[${bodyIndex}]`;
    }),
  }));
}
