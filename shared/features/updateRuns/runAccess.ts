import type { HttpCall } from '../../platform/http/handleHttp';

export type RunCall = Pick<HttpCall<unknown, unknown, unknown>, 'authorize' | 'decide' | 'caller'>;

/** Upgrades act on clusters: `clusters/upgrades.<verb>` at every member's scope; the first denial answers 403. */
export async function authorizeMembers(call: RunCall, verb: string, clusterIds: readonly string[]): Promise<void> {
  for (const clusterId of new Set(clusterIds.map((id) => id.toLowerCase()))) await call.authorize('clusters/upgrades', verb, clusterId);
}

/** Whether the caller may read the run: `clusters/upgrades.get` on every member (nothing recorded). */
export async function mayReadMembers(call: RunCall, clusterIds: readonly string[]): Promise<boolean> {
  for (const clusterId of new Set(clusterIds.map((id) => id.toLowerCase()))) {
    if (!(await call.decide('clusters/upgrades', 'get', clusterId)).allowed) return false;
  }
  return true;
}

/** Who did it, as runs and events record it: the caller's object id. */
export function actorOf(call: Pick<RunCall, 'caller'>): string {
  return call.caller.objectId;
}
