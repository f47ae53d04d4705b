import { z } from 'zod';
import { HEALTH_STATUSES } from '../../domain/health';

/** Names of stages and groups: no "." so that gate ids (`stage.group.before.0`) stay unambiguous. */
export const STRATEGY_NAME = /^[A-Za-z0-9][-A-Za-z0-9_]{0,49}$/;
export const strategyNameSchema = z
  .string()
  .max(50)
  .regex(STRATEGY_NAME, { error: 'must be 1-50 letters, digits, "-" or "_", starting with a letter or digit' });

export const WEEK_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/**
 * The cluster-health signals a health gate can bound (the vocabulary of `GET …/clusters/{c}/health`):
 * metrics (Azure Monitor platform metrics of the cluster) and logs (Container Insights tables).
 */
export const HEALTH_GATE_SIGNALS = {
  cpuAveragePercent: 'metrics',
  memoryAveragePercent: 'metrics',
  notReadyNodes: 'metrics',
  pendingPods: 'logs',
  failedPods: 'logs',
  restartingContainers: 'logs',
  warningEvents: 'logs',
  controlPlaneErrors: 'logs',
} as const;
export type HealthGateSignal = keyof typeof HEALTH_GATE_SIGNALS;
const HEALTH_GATE_SIGNAL_NAMES = Object.keys(HEALTH_GATE_SIGNALS) as [HealthGateSignal, ...HealthGateSignal[]];

export const healthConditionSchema = z.strictObject({
  signal: z.enum(HEALTH_GATE_SIGNAL_NAMES),
  atMost: z.number().min(0).max(1_000_000).describe('The gate fails when the signal is above this over the window.'),
});
export type HealthCondition = z.infer<typeof healthConditionSchema>;

const approvalGateSchema = z.strictObject({
  type: z.literal('Approval'),
  displayName: z.string().max(200).optional(),
});

const scheduledStartGateSchema = z.strictObject({
  type: z.literal('ScheduledStart'),
  startDay: z.enum(WEEK_DAYS),
  startTime: z.string().max(5).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM' }),
  utcOffset: z.string().max(6).regex(/^[+-](0\d|1[0-4]):[0-5]\d$/, { error: 'must be ±HH:MM' }),
  displayName: z.string().max(200).optional(),
});

const healthGateSchema = z.strictObject({
  type: z.literal('Health'),
  displayName: z.string().max(200).optional(),
  /** The worst overall cluster-health status the gate accepts (Healthy by default). */
  worstStatus: z.enum(HEALTH_STATUSES).default('Healthy'),
  conditions: z.array(healthConditionSchema).max(20).default([]),
  window: z.enum(['PT5M', 'PT15M', 'PT30M', 'PT1H']).default('PT15M'),
  soakSeconds: z.int().min(0).max(86_400).default(600).describe('How long the condition must hold before the gate passes.'),
});

/** A gate as the strategy declares it, before or after a stage or a group. */
export const gateDefinitionSchema = z.discriminatedUnion('type', [approvalGateSchema, scheduledStartGateSchema, healthGateSchema]);
export type GateDefinition = z.infer<typeof gateDefinitionSchema>;
export type GateType = GateDefinition['type'];

export const gateListSchema = z.array(gateDefinitionSchema).max(5).default([]);

export const GATE_STATUSES = ['Pending', 'Waiting', 'Approved', 'Passed', 'Failed', 'Skipped'] as const;
export type GateStatus = (typeof GATE_STATUSES)[number];

/** Where a gate sits: before/after a stage, or before/after one of its groups. */
export const gatePlacementSchema = z.object({
  stage: z.string().max(50),
  group: z.string().max(50).optional(),
  position: z.enum(['before', 'after']),
});
export type GatePlacement = z.infer<typeof gatePlacementSchema>;

/** One health check of a health gate (per member), kept for the report. */
export const healthObservationSchema = z.object({
  clusterId: z.string().max(1024),
  at: z.string().max(40),
  status: z.enum(HEALTH_STATUSES),
  passed: z.boolean(),
  reasons: z.array(z.string().max(300)).max(10).default([]),
});

/** A gate's state in a run. Ids are `stage[.group].before|after.index`. */
export const gateStateSchema = z.object({
  id: z.string().max(120),
  placement: gatePlacementSchema,
  definition: gateDefinitionSchema,
  status: z.enum(GATE_STATUSES),
  waitingSince: z.string().max(40).optional(),
  /** ScheduledStart: when it opens. Health: when the soak ends if the condition holds. */
  opensAt: z.string().max(40).optional(),
  decidedAt: z.string().max(40).optional(),
  /** Who approved (object id), or `system` for gates the engine decides. */
  decidedBy: z.string().max(200).optional(),
  message: z.string().max(500).optional(),
  /** Health gates: the latest observation per member checked. */
  observations: z.array(healthObservationSchema).max(50).default([]),
});
export type GateState = z.infer<typeof gateStateSchema>;

export function gateIdOf(placement: GatePlacement, index: number): string {
  return [placement.stage, placement.group, placement.position, String(index)].filter((part) => part !== undefined).join('.');
}
