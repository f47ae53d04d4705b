import { scopeCovers, tryParseScope } from '../access/scope';
import type { FleetEventType } from '../events';
import { scopeOfSubject } from './eventScope';

/** What a subscription asks for. `scope` is an access scope (`tenant`, a subscription, resource group, cluster). */
export interface SubscriptionInterest {
  readonly eventTypes: readonly FleetEventType[];
  readonly scope: string;
  /** Every tag must be present with this value in the event's `data.tags`. */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface EventFacts {
  readonly type: string;
  readonly subject: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * Whether an event is one the subscription asked for: its type is listed, its subject lies in the subscription's
 * scope (a subject that is no Azure resource, such as an update run, only in a tenant-wide subscription), and the
 * event carries every tag of the filter. Whether the owner may still read the subject is asked separately, at
 * delivery time.
 */
export function subscriptionWants(interest: SubscriptionInterest, event: EventFacts): boolean {
  if (!interest.eventTypes.some((type) => type === event.type)) return false;
  if (!subjectInScope(interest.scope, event.subject)) return false;
  return tagsMatch(interest.tags, event.data['tags']);
}

export function subjectInScope(scopeId: string, subject: string): boolean {
  const scope = tryParseScope(scopeId);
  if (!scope.ok) return false;
  if (scope.scope.level === 'tenant') return true;
  const subjectScope = scopeOfSubject(subject);
  return subjectScope !== undefined && scopeCovers(scope.scope, subjectScope);
}

function tagsMatch(wanted: Readonly<Record<string, string>> | undefined, tags: unknown): boolean {
  const entries = Object.entries(wanted ?? {});
  if (entries.length === 0) return true;
  if (typeof tags !== 'object' || tags === null) return false;
  const present = tags as Record<string, unknown>;
  return entries.every(([name, value]) => Object.hasOwn(present, name) && present[name] === value);
}
