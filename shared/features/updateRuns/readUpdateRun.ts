import { authorizeMembers, type RunCall } from './runAccess';
import type { Stored } from '../../platform/storage/tableRepository';
import type { UpdateRunDependencies } from './updateRunDependencies';
import type { UpdateRun } from './updateRunDocument';

/** The run, if the caller may read every member (`clusters/upgrades.get`); 404 when there is no such run. */
export async function readUpdateRun(deps: Pick<UpdateRunDependencies, 'store'>, call: RunCall, runId: string): Promise<Stored<UpdateRun>> {
  const stored = await deps.store.require(runId);
  await authorizeMembers(call, 'get', stored.value.members.map((member) => member.clusterId));
  return stored;
}
