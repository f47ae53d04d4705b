import { z } from 'zod';

/** What was done about a decision: an operation started, nothing needed, deferred (and why), failed, or a dry run. */
export const decisionOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('Submitted'),
    operationId: z.string(),
    answered: z.boolean().describe("false: ARM's answer to the write was lost; the operation finds the change in Azure or closes it as not applied."),
  }),
  z.object({ kind: z.literal('NoChange'), reason: z.string() }),
  z.object({ kind: z.literal('Skipped'), reason: z.string() }),
  z.object({ kind: z.literal('Deferred'), reason: z.string() }),
  z.object({ kind: z.literal('Failed'), reason: z.string() }),
  z.object({ kind: z.literal('DryRun'), reason: z.string() }),
]);
export type DecisionOutcome = z.infer<typeof decisionOutcomeSchema>;

/**
 * One pool's evaluation, as recorded: when and why it ran, the policy as it applied, what was measured, every step
 * of the math, the result and the rule that decided it, what was done about it, and one sentence that says it all.
 * `steps`, `inputs`, `action` and `clusterAction` are the evaluation's own structures (domain/autoscale).
 */
export const decisionRecordSchema = z.object({
  id: z.string(),
  clusterResourceId: z.string(),
  poolName: z.string(),
  evaluatedAt: z.string().describe('The Clock time of the evaluation (ISO 8601).'),
  trigger: z.enum(['cycle', 'onDemand', 'alert']),
  cycle: z.int().optional().describe('The autoscale cycle that evaluated the pool (absent on demand).'),
  reason: z.string().optional().describe('Why an evaluation outside the cycle ran (e.g. the alert).'),
  dryRun: z.boolean(),
  policy: z.record(z.string(), z.unknown()).describe('The policy as it applied: source, mode, min/max, open schedules.'),
  inputs: z.record(z.string(), z.unknown()).describe('The pool as ARM listed it and what was measured (metric readings, pending pod groups).'),
  steps: z.record(z.string(), z.unknown()).describe('Each proposal per metric, the combination, stabilisation and rate limits, the clamp.'),
  skipped: z.string().nullable(),
  action: z.record(z.string(), z.unknown()),
  clusterAction: z.record(z.string(), z.unknown()).nullable(),
  rule: z.string().describe('The rule that decided, e.g. metric:cpu or schedule:night.'),
  outcome: decisionOutcomeSchema,
  sentence: z.string().describe('The decision and what was done, in one sentence.'),
});
export type DecisionRecord = z.infer<typeof decisionRecordSchema>;
