import { ValidationError } from '../errors';
import { msPerHour, parseInstant } from './localTime';
import { windowsAround } from './maintenanceWindow';
import { readMaintenanceWindow } from './maintenanceWindowSpec';
import type { MemberOrderInput, WindowedMember } from './types';

/** Fleet's order inside a group (concepts-update-orchestration.md, "Planned maintenance"). */
const tiers = { openNow: 0, opensWithinFourHours: 1, noWindow: 2, closed: 3 } as const;
const soon = 4 * msPerHour;

interface Ranked {
  readonly name: string;
  readonly tier: number;
  /** When the member's window next opens; orders members within a tier (earliest first). */
  readonly opensAt: number;
  readonly position: number;
}

/**
 * The order in which an update run takes a group's members: window open now, then opening within
 * 4 hours, then no window, then closed. Within a tier the earlier opening goes first, then input order.
 * A window that cannot be read counts as closed: nothing is known about when it opens.
 */
export function orderMembersByWindow(input: MemberOrderInput): string[] {
  const now = parseInstant(input.now);
  if (now === undefined)
    throw new ValidationError('Invalid member order request', [
      { path: 'now', code: 'invalid', message: 'must be an ISO-8601 timestamp with Z or ±HH:MM' },
    ]);
  return input.members
    .map((member, position) => rank(member, position, now))
    .sort(
      (a, b) => compare(a.tier, b.tier) || compare(a.opensAt, b.opensAt) || compare(a.position, b.position),
    )
    .map((member) => member.name);
}

/** Numeric order that also copes with two "never opens" (infinite) values. */
function compare(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rank(member: WindowedMember, position: number, now: number): Ranked {
  const base = { name: member.name, position, opensAt: 0 };
  if (member.maintenanceWindow === null || member.maintenanceWindow === undefined)
    return { ...base, tier: tiers.noWindow };
  const window = readMaintenanceWindow(member.maintenanceWindow);
  if (Array.isArray(window)) return { ...base, tier: tiers.closed, opensAt: Number.POSITIVE_INFINITY };
  const schedule = windowsAround(window, now, 1);
  if (schedule.open) return { ...base, tier: tiers.openNow };
  const opensAt = schedule.next[0] ? Date.parse(schedule.next[0].start) : Number.POSITIVE_INFINITY;
  return { ...base, tier: opensAt - now <= soon ? tiers.opensWithinFourHours : tiers.closed, opensAt };
}
