import type { WorkloadSimulation } from '../workloadSimulation';
import type { WorkloadView } from '../workloadSnapshot';
import type { Row, TableName } from './tableSchemas';

/** What every table generator needs: the cluster, the simulation and the time range [fromMs, toMs). */
export interface TableContext {
  simulation: WorkloadSimulation;
  clusterKey: string;
  resourceId: string;
  subscriptionId: string;
  clusterName: string;
  fromMs: number;
  toMs: number;
  nowMs: number;
}

export const MINUTE_MS = 60_000;

export const iso = (ms: number): string => new Date(ms).toISOString();

/** Collection instants: every whole minute in the range that is not in the future. */
export function collectionMinutes(ctx: TableContext): number[] {
  const minutes: number[] = [];
  const last = Math.min(ctx.toMs - 1, ctx.nowMs);
  for (let t = Math.ceil(ctx.fromMs / MINUTE_MS) * MINUTE_MS; t <= last; t += MINUTE_MS) minutes.push(t);
  return minutes;
}

/** Views of a running cluster at every collection minute. */
export function runningViews(ctx: TableContext): WorkloadView[] {
  return collectionMinutes(ctx).flatMap((t) => {
    const view = ctx.simulation.view(ctx.clusterKey, t);
    return view?.running ? [view] : [];
  });
}

export function commonColumns(ctx: TableContext, table: TableName, atMs: number): Row {
  return { TimeGenerated: iso(atMs), _ResourceId: ctx.resourceId.toLowerCase(), _SubscriptionId: ctx.subscriptionId, SourceSystem: 'Container', Type: table };
}
