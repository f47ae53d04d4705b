import type { RunEngineDependencies } from './runEngineDependencies';

/** A run whose next advance is this late lost its message (a host stopped between the write and the send). */
const LATE_AFTER_MS = 60_000;
/**
 * A preflight still pending this long after its message was sent lost it (or the queue gave up on it: a poison
 * message after repeated throttling). Longer than a 200-member preflight takes on the system's read budget.
 */
export const PREFLIGHT_LATE_AFTER_MS = 5 * 60_000;

/**
 * The safety net behind the queue (`updateRunsRepair`, every few minutes): every active run whose next advance is
 * overdue, or that waits without one (an approval), gets one advance; every preflight pending for minutes gets its
 * message again (its send time recorded first, so that the next sweeps wait again). Advances and preflights are
 * idempotent: an extra message only reads and decides again, or does nothing.
 */
export async function repairRuns(deps: RunEngineDependencies): Promise<{ active: number; kicked: number; preflightsResent: number }> {
  const active = await deps.store.active();
  let kicked = 0;
  for (const { value: run } of active) {
    const due = run.nextAdvanceAt ? Date.parse(run.nextAdvanceAt) : 0;
    if (Date.now() - due < LATE_AFTER_MS) continue;
    await deps.kickRun(run.id, 0);
    kicked += 1;
  }
  return { active: active.length, kicked, preflightsResent: await resendLostPreflights(deps) };
}

async function resendLostPreflights(deps: RunEngineDependencies): Promise<number> {
  let resent = 0;
  for (const { value: run } of await deps.store.preflightsPending()) {
    const preflight = run.preflight;
    if (!preflight || Date.now() - Date.parse(preflight.messageSentAt) < PREFLIGHT_LATE_AFTER_MS) continue;
    const sentAt = new Date().toISOString();
    const marked = await deps.store.update(run.id, (latest) =>
      latest.preflight?.id === preflight.id && latest.preflight.status === 'Pending' && latest.preflight.messageSentAt === preflight.messageSentAt
        ? { ...latest, preflight: { ...latest.preflight, messageSentAt: sentAt } }
        : undefined,
    );
    // Another sweep, the preflight itself or a start got there first.
    if (marked.value.preflight?.messageSentAt !== sentAt) continue;
    await deps.requestPreflight(run.id, preflight.id);
    resent += 1;
  }
  return resent;
}
