import { UnprocessableError } from '../../domain/errors';
import type { UpdateRunDependencies } from './updateRunDependencies';
import { MAX_RUN_MEMBERS, type MemberSelection } from './updateRunRequest';

/** The run's clusters now: the ids as given (once each), or the inventory's clusters carrying every tag. */
export async function resolveMembers(deps: Pick<UpdateRunDependencies, 'selectClustersByTags'>, selection: MemberSelection): Promise<string[]> {
  const ids = selection.clusterIds ?? (await deps.selectClustersByTags(selection.tagSelector ?? {})).map((cluster) => cluster.clusterId);
  const unique = [...new Map(ids.map((id) => [id.toLowerCase(), id])).values()];
  if (unique.length === 0) throw new UnprocessableError('No cluster of the inventory carries every tag of the selector.', 'NoMembers');
  if (unique.length > MAX_RUN_MEMBERS) {
    throw new UnprocessableError(`The selector matches ${unique.length} clusters; a run holds at most ${MAX_RUN_MEMBERS}.`, 'TooManyMembers');
  }
  return unique;
}
