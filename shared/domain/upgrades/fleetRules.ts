import { ValidationError } from '../errors';
import type { CountOrPercent } from './countOrPercent';
import { parseCountOrPercent, percentRoundedDown, percentRoundedUp } from './countOrPercent';
import type { GroupOutcome } from './types';

/** Fleet defaults and caps (kubernetes-fleet concepts-update-orchestration.md, "Maximum concurrency"). */
const defaultConcurrency = { stage: 50, group: 1 } as const;
const stageConcurrencyCap = 50;

/**
 * How many members of a stage or group upgrade at once: a count as given, a percentage of the members
 * rounded down; at least 1; a stage never above the system cap of 50. Defaults: stage 50, group 1.
 */
export function resolveMaxConcurrency(input: {
  value: string | null;
  members: number;
  level: 'stage' | 'group';
}): number {
  if (input.value === null || input.value === undefined) return defaultConcurrency[input.level];
  const setting = readSetting(input.value, 'maxConcurrency', 1);
  const resolved =
    setting.kind === 'count' ? setting.value : percentRoundedDown(input.members, setting.value);
  const atLeastOne = Math.max(1, resolved);
  return input.level === 'stage' ? Math.min(atLeastOne, stageConcurrencyCap) : atLeastOne;
}

/** How many members may fail before the group fails: a count as given, a percentage rounded up; default 0. */
export function resolveMaxAllowedFailures(input: { value: string | null; members: number }): number {
  if (input.value === null || input.value === undefined) return 0;
  const setting = readSetting(input.value, 'maxAllowedFailures', 0);
  return setting.kind === 'count' ? setting.value : percentRoundedUp(input.members, setting.value);
}

/** A group fails only when its failures exceed maxAllowedFailures (4 of 4 failed with a threshold of 4 completes). */
export function groupOutcome(input: {
  members: number;
  maxAllowedFailures: string | null;
  failed: number;
}): GroupOutcome {
  const allowed = resolveMaxAllowedFailures({ value: input.maxAllowedFailures, members: input.members });
  return { state: input.failed > allowed ? 'Failed' : 'Completed', failureCount: input.failed };
}

function readSetting(text: string, name: string, minPercent: number): CountOrPercent {
  const setting = parseCountOrPercent(text);
  if (setting && (setting.kind === 'count' || (setting.value >= minPercent && setting.value <= 100)))
    return setting;
  throw new ValidationError(`Invalid ${name}`, [
    {
      path: name,
      code: 'invalid',
      message: `must be a count such as "3" or a percentage from ${minPercent}% to 100% such as "25%"`,
    },
  ]);
}
