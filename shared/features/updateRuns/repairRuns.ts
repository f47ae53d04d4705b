import type { RunEngineDependencies } from './runEngineDependencies';

/** A run whose next advance is this late lost its message (a host stopped between the write and the send). */
const LATE_AFTER_MS = 60_000;

/**
 * The safety net behind the queue (`updateRunsRepair`, every few minutes): every active run whose next advance is
 * overdue, or that waits without one (an approval), gets one advance. Advances are idempotent: an extra one only
 * reads and decides again.
 */
export async function repairRuns(deps: RunEngineDependencies): Promise<{ active: number; kicked: number }> {
  const active = await deps.store.active();
  let kicked = 0;
  for (const { value: run } of active) {
    const due = run.nextAdvanceAt ? Date.parse(run.nextAdvanceAt) : 0;
    if (Date.now() - due < LATE_AFTER_MS) continue;
    await deps.kickRun(run.id, 0);
    kicked += 1;
  }
  return { active: active.length, kicked };
}
