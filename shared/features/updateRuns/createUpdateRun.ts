import type { Logger } from '../../platform/observability/logger';
import type { Stored } from '../../platform/storage/tableRepository';
import { requestedPreflight, sendPreflight } from './preflightRequest';
import { resolveMembers } from './memberResolution';
import { actorOf, authorizeMembers, type RunCall } from './runAccess';
import { unplannedRun } from './runPlanning';
import { isoSeconds, newRunId } from './runTime';
import type { UpdateRunDependencies } from './updateRunDependencies';
import type { UpdateRun } from './updateRunDocument';
import type { CreateUpdateRunRequest } from './updateRunRequest';

/**
 * Creates a run without a live ARM read: resolve the members (ids, or the inventory's tag selector), authorize
 * `clusters/upgrades.create` on each, store the run NotStarted with its members listed and a `plan` preflight
 * pending, and queue that preflight (system work: `runPreflight` reads, preflights and plans every member). A dry
 * run is stored the same way, marked never to start.
 */
export async function createUpdateRun(
  deps: UpdateRunDependencies,
  call: RunCall & { log: Logger },
  request: CreateUpdateRunRequest,
  dryRun: boolean,
): Promise<Stored<UpdateRun>> {
  const clusterIds = await resolveMembers(deps, request.members);
  await authorizeMembers(call, 'create', clusterIds);
  const clock = await deps.clock.now();
  const now = isoSeconds(clock);
  const by = actorOf(call);
  const run = unplannedRun({ id: newRunId(clock), request, createdBy: by, createdAt: now, clusterIds });
  const preflight = requestedPreflight('plan', by, now);
  const stored = await deps.store.create({ ...run, ...(dryRun ? { dryRun: true as const } : {}), preflight });
  await sendPreflight(deps, stored.value.id, preflight.id, call.log);
  return stored;
}

