import { readMemberFacts } from './memberFactsReader';
import { resolveMembers } from './memberResolution';
import { actorOf, authorizeMembers, type RunCall } from './runAccess';
import { planRun } from './runPlanning';
import { isoSeconds, newRunId } from './runTime';
import type { UpdateRunDependencies } from './updateRunDependencies';
import type { UpdateRun } from './updateRunDocument';
import type { CreateUpdateRunRequest } from './updateRunRequest';

/**
 * Plans a run: resolve the members, authorize `clusters/upgrades.create` on each, read and preflight them, lay out
 * the strategy. A dry run returns the plan without storing it; otherwise it is stored NotStarted (nothing moves).
 */
export async function createUpdateRun(
  deps: UpdateRunDependencies,
  call: RunCall,
  request: CreateUpdateRunRequest,
  dryRun: boolean,
): Promise<{ run: UpdateRun; etag?: string }> {
  const clusterIds = await resolveMembers(deps, request.members);
  await authorizeMembers(call, 'create', clusterIds);
  const now = await deps.clock.now();
  const members = await readMemberFacts(deps, clusterIds, request.upgradeType, now);
  const run = planRun({ id: newRunId(now), request, createdBy: actorOf(call), createdAt: isoSeconds(now), now: isoSeconds(now), members });
  if (dryRun) return { run };
  const stored = await deps.store.create(run);
  return { run: stored.value, etag: stored.etag };
}
