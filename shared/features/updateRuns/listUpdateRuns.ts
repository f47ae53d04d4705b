import { decodeContinuation, encodeContinuation } from '../../platform/http/paging';
import { mayReadMembers, type RunCall } from './runAccess';
import type { UpdateRunDependencies } from './updateRunDependencies';
import type { UpdateRun } from './updateRunDocument';

interface RunCursor {
  token: string;
}

const isCursor = (value: unknown): value is RunCursor => typeof value === 'object' && value !== null && typeof (value as RunCursor).token === 'string';

/** A page of runs, newest first, leaving out those with a member the caller may not read. */
export async function listUpdateRuns(
  deps: Pick<UpdateRunDependencies, 'store'>,
  call: RunCall,
  query: { pageSize: number; continuationToken?: string },
): Promise<{ runs: UpdateRun[]; continuationToken?: string }> {
  const token = query.continuationToken ? decodeContinuation(query.continuationToken, isCursor).token : undefined;
  const page = await deps.store.page({ pageSize: query.pageSize, ...(token ? { continuationToken: token } : {}) });
  const runs: UpdateRun[] = [];
  for (const stored of page.items) {
    if (await mayReadMembers(call, stored.value.members.map((member) => member.clusterId))) runs.push(stored.value);
  }
  return { runs, ...(page.continuationToken ? { continuationToken: encodeContinuation({ token: page.continuationToken }) } : {}) };
}
