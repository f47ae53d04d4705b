import type { PoolState, RecentlyUsedVersion } from '../model';

/** AKS keeps rollback targets for 7 days (upgrades.md §1.5). */
export const ROLLBACK_RETENTION_MS = 7 * 24 * 3600_000;
const KEPT_ENTRIES = 5;

/** Records what the pool ran until now, before an upgrade moves it to another version or node image. */
export function rememberPoolVersion(pool: PoolState, nowIso: string): void {
  const previous: RecentlyUsedVersion = { orchestratorVersion: pool.currentOrchestratorVersion, nodeImageVersion: pool.nodeImageVersion, timestamp: nowIso };
  const others = (pool.recentlyUsedVersions ?? []).filter((v) => v.orchestratorVersion !== previous.orchestratorVersion || v.nodeImageVersion !== previous.nodeImageVersion);
  pool.recentlyUsedVersions = [previous, ...others].slice(0, KEPT_ENTRIES);
}

/** Entries still inside the retention window, newest first (what the upgrade profile shows). */
export function rollbackCandidates(pool: PoolState, nowMs: number): RecentlyUsedVersion[] {
  return (pool.recentlyUsedVersions ?? []).filter((v) => nowMs - Date.parse(v.timestamp) <= ROLLBACK_RETENTION_MS);
}
