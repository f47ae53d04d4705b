import { z } from 'zod';
import { AKS_MAX_NODES, MAX_CRON_LENGTH, MAX_SCHEDULE_NAME_LENGTH, MAX_TIME_ZONE_LENGTH, MAX_WINDOW_MINUTES } from './limits';
import { ncrontabShapeProblem } from './ncrontabShape';
import { isKnownTimeZone } from './timeZone';

const nodeCount = z.int().min(0).max(AKS_MAX_NODES);

/** What a schedule does while its window is open. */
export const scheduleActionSchema = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('OverrideRange'),
        minNodes: nodeCount.optional(),
        maxNodes: nodeCount.min(1).optional(),
      })
      .refine((action) => action.minNodes !== undefined || action.maxNodes !== undefined, {
        error: 'set minNodes, maxNodes or both',
        path: ['minNodes'],
      })
      .refine((action) => action.minNodes === undefined || action.maxNodes === undefined || action.minNodes <= action.maxNodes, {
        error: 'minNodes must not exceed maxNodes',
        path: ['minNodes'],
      }),
    z.object({ type: z.literal('ScaleToZero') }),
    z.object({ type: z.literal('StopCluster') }),
  ])
  .meta({
    description:
      'OverrideRange: the window\'s own min/max; ScaleToZero: a User pool goes to 0 nodes; StopCluster: the cluster is stopped and started again when the window ends.',
  });

export const scheduleSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(MAX_SCHEDULE_NAME_LENGTH)
      .regex(/^[A-Za-z0-9][-A-Za-z0-9_]*$/, 'must be letters, digits, - or _, starting with a letter or digit'),
    cron: z
      .string()
      .min(1)
      .max(MAX_CRON_LENGTH)
      .superRefine((cron, context) => {
        const problem = ncrontabShapeProblem(cron);
        if (problem !== undefined) context.addIssue({ code: 'custom', message: `not an NCRONTAB expression: ${problem}` });
      })
      .meta({ description: 'When the window opens: NCRONTAB, 6 fields `{second} {minute} {hour} {day} {month} {day-of-week}`.', example: '0 0 20 * * MON-FRI' }),
    timeZone: z
      .string()
      .min(1)
      .max(MAX_TIME_ZONE_LENGTH)
      .refine(isKnownTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin' })
      .meta({ description: 'IANA time zone the cron is read in.', example: 'Europe/Berlin' }),
    durationMinutes: z.int().min(1).max(MAX_WINDOW_MINUTES).describe('How long the window stays open after each occurrence.'),
    action: scheduleActionSchema,
  })
  .meta({ description: 'A recurring window during which the policy is changed.' });

export type Schedule = z.infer<typeof scheduleSchema>;
export type ScheduleAction = z.infer<typeof scheduleActionSchema>;
