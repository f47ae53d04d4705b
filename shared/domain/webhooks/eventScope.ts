import { tryParseScope, type Scope } from '../access/scope';

const SCOPE_SEGMENT_COUNTS = [10, 8, 4, 2] as const;

/**
 * The access scope an event's subject lies in: the subject itself when it is a scope (subscription, resource
 * group, cluster, namespace), else its closest such ancestor (a node pool's id → its cluster). Undefined for a
 * subject that is no Azure resource id (an update run, a webhook subscription).
 */
export function scopeOfSubject(subject: string): Scope | undefined {
  if (!subject.startsWith('/subscriptions/')) return undefined;
  const segments = subject.slice(1).split('/');
  for (const count of SCOPE_SEGMENT_COUNTS) {
    if (segments.length < count) continue;
    const parsed = tryParseScope(`/${segments.slice(0, count).join('/')}`);
    if (parsed.ok) return parsed.scope;
  }
  return undefined;
}
