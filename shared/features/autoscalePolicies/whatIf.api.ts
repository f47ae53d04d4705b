import { z } from 'zod';
import { whatIfRequestSchema } from '../../domain/autoscale/whatIf/whatIfSchema';
import { defineOperation } from '../../platform/http/apiOperation';
import { authenticatedProblems } from '../../platform/http/problemSchema';

const countAction = z.object({ type: z.literal('SetCount'), from: z.int(), to: z.int() });
const rangeAction = z.object({
  type: z.literal('SetRange'),
  from: z.object({ minCount: z.int().nullable(), maxCount: z.int().nullable() }),
  to: z.object({ minCount: z.int(), maxCount: z.int() }),
});

export const whatIfResultSchema = z
  .object({
    points: z.array(
      z.object({
        at: z.string(),
        nodeCount: z.int(),
        clusterRunning: z.boolean(),
        cpuPercent: z.number(),
        memoryPercent: z.number(),
        pendingPods: z.int(),
      }),
    ),
    decisions: z.array(
      z.object({
        at: z.string(),
        action: z.discriminatedUnion('type', [z.object({ type: z.literal('None') }), countAction, rangeAction]),
        clusterAction: z.object({ type: z.enum(['Stop', 'Start']), schedule: z.string() }).nullable(),
        rule: z.string(),
        sentence: z.string(),
      }),
    ),
    nodeHours: z.number(),
    minutesAboveTarget: z.int(),
    peakNodes: z.int(),
    evaluations: z.int(),
  })
  .meta({ description: 'The replay: the pool minute by minute, the decisions that changed it, node-hours and minutes above target.' });

export const runAutoscaleWhatIf = defineOperation({
  operationId: 'runAutoscaleWhatIf',
  method: 'POST',
  route: 'autoscale/whatIf',
  summary:
    'Replay a policy over a recorded per-minute series or one generated from a load profile (at most 7 days); nothing in Azure is read or changed (Reader at tenant scope).',
  tags: ['autoscale'],
  authenticated: true,
  request: { body: whatIfRequestSchema },
  responses: { 200: { description: 'The replay', schema: whatIfResultSchema }, ...authenticatedProblems },
});
