import type { UpdateRunView } from './updateRuns.api';
import { MEMBER_STATUSES, type MemberStatus, type UpdateRun } from './updateRunDocument';

/** The run as the API shows it: the document and how many members are in each state. */
export function runViewOf(run: UpdateRun): UpdateRunView {
  const memberCounts = Object.fromEntries(MEMBER_STATUSES.map((status) => [status, 0])) as Record<MemberStatus, number>;
  for (const member of run.members) memberCounts[member.status] += 1;
  return { ...run, memberCounts };
}
