import { runBounded } from '../../platform/concurrency/runBounded';
import type { AdvanceContext, HealthReading, ObservationNeeds, OperationObservation } from '../../domain/upgrades/run';
import type { Logger } from '../../platform/observability/logger';
import { healthReadingOf, type HealthGateWindow } from './healthReadings';
import { clusterTargetOf } from './clusterTarget';
import { isCheckOverdue } from './overdueOperation';
import { isoSeconds } from './runTime';
import type { RunEngineDependencies } from './runEngineDependencies';
import type { UpdateRun } from './updateRunDocument';

/** How many reads of one kind run at once in an advance. */
const READ_CONCURRENCY = 8;

/**
 * Reads what the decision needs, and nothing else: each operation in flight as its record stands (the operations
 * queue polls ARM and kicks the run when one ends; only a record whose checks are overdue is polled here), the windows of members that may start, the health of members a
 * waiting gate checks (one batched assessment). A read that fails leaves its entry out: the decision then waits for
 * it rather than guess.
 */
export async function observe(
  deps: RunEngineDependencies,
  run: UpdateRun,
  needs: ObservationNeeds,
  now: Date,
  preSubmissionFailures: ReadonlyMap<string, OperationObservation>,
  log: Logger,
): Promise<Omit<AdvanceContext, 'newOperationId'>> {
  const [operations, windows, health] = await Promise.all([
    readEach(needs.operationIds, (id) => observeOperation(deps, id, preSubmissionFailures), log, 'operation'),
    readEach(needs.windowClusterIds, async (clusterId) => ({ maintenanceWindow: await deps.windows.read(clusterId, run.request.upgradeType) }), log, 'maintenance window'),
    readHealth(deps, run, needs.healthClusterIds, now, log),
  ]);
  return {
    now: isoSeconds(now),
    operations: Object.fromEntries(operations),
    windows: Object.fromEntries(windows.map(([id, value]) => [id.toLowerCase(), value])),
    health: Object.fromEntries(health.map(([id, value]) => [id.toLowerCase(), value])),
  };
}

async function observeOperation(deps: RunEngineDependencies, operationId: string, preSubmissionFailures: ReadonlyMap<string, OperationObservation>): Promise<OperationObservation> {
  const stored = await deps.readOperation(operationId);
  const record = stored && isCheckOverdue(stored, Date.now()) ? await deps.runner.refresh(operationId) : stored;
  if (!record) return preSubmissionFailures.get(operationId) ?? { status: 'Missing' };
  return { status: record.status, ...(record.error ? { error: record.error } : {}) };
}

/**
 * The members' health in ONE assessment per advance, over the window of the strictest waiting health gate (the
 * gates share it). A member that could not be read, or the whole assessment failing, leaves entries out.
 */
async function readHealth(deps: RunEngineDependencies, run: UpdateRun, clusterIds: readonly string[], now: Date, log: Logger): Promise<[string, HealthReading][]> {
  if (clusterIds.length === 0) return [];
  const windows = run.gates.flatMap((gate) => (gate.status === 'Waiting' && gate.definition.type === 'Health' ? [gate.definition.window] : []));
  const window = windows.sort((a, b) => WINDOW_MINUTES[b] - WINDOW_MINUTES[a])[0] ?? 'PT15M';
  try {
    const { views, unread } = await deps.assessHealth(clusterIds.map(clusterTargetOf), window, now);
    for (const { clusterId, error } of unread) log.warn('Could not read the cluster health; the run waits for it', { key: clusterId, error });
    return clusterIds.flatMap((clusterId): [string, HealthReading][] => {
      const view = views.get(clusterId.toLowerCase());
      return view ? [[clusterId, healthReadingOf(view)]] : [];
    });
  } catch (error) {
    log.warn('Could not read the members\' health; the run waits for it', { members: clusterIds.length, error: error instanceof Error ? error.message : String(error) });
    return [];
  }
}

const WINDOW_MINUTES: Record<HealthGateWindow, number> = { PT5M: 5, PT15M: 15, PT30M: 30, PT1H: 60 };

/** Reads every key, a few at a time; a failed read is logged and left out. */
async function readEach<T>(keys: readonly string[], read: (key: string) => Promise<T>, log: Logger, what: string): Promise<[string, T][]> {
  const results = await runBounded(
    keys.map((key) => async (): Promise<[string, T] | undefined> => {
      try {
        return [key, await read(key)];
      } catch (error) {
        log.warn(`Could not read the ${what}; the run waits for it`, { key, error: error instanceof Error ? error.message : String(error) });
        return undefined;
      }
    }),
    READ_CONCURRENCY,
  );
  return results.filter((entry): entry is [string, T] => entry !== undefined);
}
