import { TENANT_SCOPE_ID } from '../../domain/access/scope';
import type { AccessDecision } from '../../domain/access/decision';
import type { Caller } from '../../domain/access/caller';
import { scopeOfSubject, subjectInScope } from '../../domain/webhooks';
import type { OutboxEventRecord } from './outboxEvent';
import { callerOf } from './subscriptionOwner';
import type { SubscriptionRecord } from './webhookSubscription';

export type DecideAccess = (caller: Caller, verb: string, resource: string, scope: string) => Promise<AccessDecision>;

/**
 * Whether the subscription's owner may, as of now, read what the event is about: a cluster event needs
 * `clusters.get` on the subject, an event about something that is no Azure resource (an update run) needs
 * `clusters.list` at tenant scope. A test event is addressed to the subscription itself and always goes.
 */
export async function ownerMayReceive(subscription: SubscriptionRecord, event: OutboxEventRecord, decide: DecideAccess): Promise<boolean> {
  if (event.onlySubscriptionId) return true;
  if (!subjectInScope(subscription.scope, event.subject)) return false;
  const scope = scopeOfSubject(event.subject);
  const owner = callerOf(subscription.owner);
  const decision = scope ? await decide(owner, 'get', 'clusters', scope.id) : await decide(owner, 'list', 'clusters', TENANT_SCOPE_ID);
  return decision.allowed;
}
