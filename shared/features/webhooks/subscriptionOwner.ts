import type { Caller } from '../../domain/access/caller';
import type { SubscriptionOwner } from './webhookSubscription';

/** What of the caller a subscription keeps, so that its reach can be decided again at every delivery. */
export function ownerOf(caller: Caller): SubscriptionOwner {
  return {
    tenantId: caller.tenantId,
    objectId: caller.objectId,
    kind: caller.kind,
    appRoles: [...caller.appRoles],
    groups: [...caller.groups],
    groupsOverage: caller.groupsOverage,
    ...(caller.devScope ? { devScope: caller.devScope } : {}),
  };
}

/** The owner as a caller for the access decision (role bindings are read as they are now). */
export function callerOf(owner: SubscriptionOwner): Caller {
  return { ...owner };
}
