import { z } from 'zod';
import { behaviorSchema } from './behaviorSchema';
import { AKS_MAX_NODES, MAX_DESCRIPTION_LENGTH, MAX_POLICY_NAME_LENGTH, MAX_SCHEDULES } from './limits';
import { scheduleSchema, type Schedule } from './scheduleSchema';
import { poolSelectorSchema } from './selectorSchema';
import { autoscaleTargetsSchema } from './targetsSchema';

const policyFields = {
  enabled: z.boolean().default(true).describe('false: the policy is kept but nothing is evaluated for it.'),
  mode: z
    .enum(['Enforce', 'DryRun'])
    .default('Enforce')
    .describe('DryRun records every decision and writes nothing to Azure.'),
  minNodes: z.int().min(0).max(AKS_MAX_NODES).describe('Fewest nodes (User pools may go to 0; System pools keep 1).'),
  maxNodes: z.int().min(1).max(AKS_MAX_NODES).describe('Most nodes (AKS: 1000 per pool).'),
  targets: autoscaleTargetsSchema,
  behavior: behaviorSchema.optional(),
  schedules: z.array(scheduleSchema).max(MAX_SCHEDULES).default([]),
};

interface RangeAndSchedules {
  minNodes: number;
  maxNodes: number;
  schedules: Schedule[];
}

/** Cross-field rules every policy obeys, each naming its field. */
function checkRangeAndSchedules(policy: RangeAndSchedules, context: z.core.$RefinementCtx): void {
  if (policy.minNodes > policy.maxNodes) {
    context.addIssue({ code: 'custom', path: ['minNodes'], message: `minNodes (${policy.minNodes}) must not exceed maxNodes (${policy.maxNodes})` });
  }
  const seen = new Set<string>();
  policy.schedules.forEach((schedule, index) => {
    const key = schedule.name.toLowerCase();
    if (seen.has(key)) context.addIssue({ code: 'custom', path: ['schedules', index, 'name'], message: `schedule name "${schedule.name}" is used twice` });
    seen.add(key);
    const { action } = schedule;
    if (action.type === 'OverrideRange' && action.maxNodes !== undefined && action.minNodes === undefined && action.maxNodes < policy.minNodes) {
      context.addIssue({ code: 'custom', path: ['schedules', index, 'action', 'maxNodes'], message: `maxNodes must not be below the policy's minNodes (${policy.minNodes}) unless the window sets minNodes too` });
    }
    if (action.type === 'OverrideRange' && action.minNodes !== undefined && action.maxNodes === undefined && action.minNodes > policy.maxNodes) {
      context.addIssue({ code: 'custom', path: ['schedules', index, 'action', 'minNodes'], message: `minNodes must not exceed the policy's maxNodes (${policy.maxNodes}) unless the window sets maxNodes too` });
    }
  });
}

/** The policy of one node pool (`PUT …/nodePools/{pool}/autoscalePolicy`). */
export const autoscalePolicySchema = z
  .object(policyFields)
  .superRefine(checkRangeAndSchedules)
  .meta({ description: 'How Fleetplane autoscales a node pool.' });

/** Pools only User mode may have; a fleet policy may hold them only when its selector picks User pools. */
function usesZeroNodes(policy: RangeAndSchedules): { path: (string | number)[]; message: string }[] {
  const found: { path: (string | number)[]; message: string }[] = [];
  if (policy.minNodes === 0) found.push({ path: ['minNodes'], message: 'minNodes 0 is only for User pools' });
  policy.schedules.forEach((schedule, index) => {
    if (schedule.action.type === 'ScaleToZero') found.push({ path: ['schedules', index, 'action', 'type'], message: 'ScaleToZero is only for User pools' });
    if (schedule.action.type === 'OverrideRange' && schedule.action.minNodes === 0) {
      found.push({ path: ['schedules', index, 'action', 'minNodes'], message: 'minNodes 0 is only for User pools' });
    }
  });
  return found;
}

/** `['schedules', 0, 'cron']` → `schedules[0].cron`, as the API names fields. */
function fieldPath(path: (string | number)[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out === '' ? part : `${out}.${part}`), '');
}

/** Issues of a pool policy against the pool's mode (AKS keeps at least one node in a System pool). */
export function poolModeIssues(policy: RangeAndSchedules, mode: 'System' | 'User'): { path: string; code: string; message: string }[] {
  if (mode === 'User') return [];
  return usesZeroNodes(policy).map((issue) => ({ path: fieldPath(issue.path), code: 'custom', message: issue.message }));
}

/** A fleet-wide policy (`PUT /api/autoscalePolicies/{name}`): a policy and the pools it selects. */
export const fleetAutoscalePolicySchema = z
  .object({
    description: z.string().max(MAX_DESCRIPTION_LENGTH).optional(),
    selector: poolSelectorSchema.default({}),
    ...policyFields,
  })
  .superRefine((policy, context) => {
    checkRangeAndSchedules(policy, context);
    if (policy.selector.poolMode === 'User') return;
    for (const issue of usesZeroNodes(policy)) {
      context.addIssue({ code: 'custom', path: issue.path, message: `${issue.message}: set selector.poolMode to User` });
    }
  })
  .meta({ description: 'A fleet-wide autoscale policy for the pools its selector picks; a pool\'s own policy beats it.' });

export const policyNameSchema = z
  .string()
  .min(1)
  .max(MAX_POLICY_NAME_LENGTH)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be lowercase letters, digits or -, starting and ending with a letter or digit');

export type AutoscalePolicy = z.infer<typeof autoscalePolicySchema>;
export type FleetAutoscalePolicy = z.infer<typeof fleetAutoscalePolicySchema>;
/** What a caller sends: defaults (enabled, mode, schedules) may be left out. */
export type AutoscalePolicyInput = z.input<typeof autoscalePolicySchema>;
export type FleetAutoscalePolicyInput = z.input<typeof fleetAutoscalePolicySchema>;
