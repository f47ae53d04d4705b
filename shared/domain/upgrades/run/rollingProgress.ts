/** The node-by-node picture of a member's pool roll (the document's `rolling`). */
export type DrainState = 'NotStarted' | 'Draining' | 'BlockedByPdb' | 'Done';

export interface RollingState {
  pool: string;
  surgeNodes: number;
  nodesUpgraded: number;
  nodesTotal: number;
  drain: DrainState;
  /** When the source saw it (an event's time, or the node inventory's collection time), ISO-8601 UTC. */
  updatedAt: string;
}

/** What one source says about a pool at `at`; counts are absent when the source has none (an AKS NodePoolRolling event). */
export interface RollingUpdate {
  pool: string;
  drain: DrainState;
  at: string;
  counts?: { surgeNodes: number; nodesUpgraded: number; nodesTotal: number } | undefined;
}

/** At one instant, the further-along state wins: a roll seen Done and Draining at once is Done. */
const DRAIN_RANK: Record<DrainState, number> = { NotStarted: 0, Draining: 1, BlockedByPdb: 2, Done: 3 };

/**
 * The rolling picture after an update, whatever order the updates arrive in: the newer one (by its own time, not by
 * when it is handled) wins; at the same instant the further-along one wins. So a Succeeded never turns back into
 * Draining because its Started was delivered later, and a lagging log read never undoes an event it predates.
 */
export function applyRollingUpdate(current: RollingState | undefined, update: RollingUpdate): RollingState {
  if (current && !updateWins(current, update)) return current;
  const samePool = current?.pool === update.pool;
  const counts = update.counts ?? (samePool ? { surgeNodes: current.surgeNodes, nodesUpgraded: current.nodesUpgraded, nodesTotal: current.nodesTotal } : { surgeNodes: 0, nodesUpgraded: 0, nodesTotal: 0 });
  const finished = update.drain === 'Done' && update.counts === undefined ? { surgeNodes: 0, nodesUpgraded: counts.nodesTotal } : {};
  return { pool: update.pool, ...counts, ...finished, drain: update.drain, updatedAt: update.at };
}

function updateWins(current: RollingState, update: RollingUpdate): boolean {
  const difference = Date.parse(update.at) - Date.parse(current.updatedAt);
  if (difference !== 0) return difference > 0;
  if (current.pool !== update.pool) return update.pool > current.pool;
  const rank = DRAIN_RANK[update.drain] - DRAIN_RANK[current.drain];
  if (rank !== 0) return rank > 0;
  // Same instant, same pool, same state: the larger counts are the later reading (keeps the result order-free).
  return update.counts !== undefined && countsKey(update.counts) > countsKey(current);
}

function countsKey(counts: { surgeNodes: number; nodesUpgraded: number; nodesTotal: number }): number {
  return counts.nodesUpgraded * 1e6 + counts.nodesTotal * 1e3 + counts.surgeNodes;
}
