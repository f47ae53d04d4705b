import { z } from 'zod';
import { gateStateSchema } from './updateRunGates';
import { preflightProblemSchema } from '../../domain/updateRuns';
import { createUpdateRunSchema, MAX_RUN_MEMBERS } from './updateRunRequest';

/*
 * The stored run: ONE Table document (partition `run`, row = run id), so every state change — a member's step, a
 * group's count, a gate, the event that says so — is one conditional replace on one ETag. TableRepository splits
 * the JSON over at most 15 columns of 30,000 characters (450,000 characters, under the 1 MiB entity limit), and the
 * run store gzips it first (members repeat ARM id prefixes, versions and messages). Every list is bounded;
 * test/integration/updateRuns/updateRunStore.test.ts stores a 200-member run at its worst (three steps over four pools
 * each, 10 failures, 6 problems, a full event log: 1.8 MB of JSON, 53 % of the row stored) and reads it back. A write
 * past the limit fails as DocumentTooLarge (422) rather than losing state. Writers truncate Azure's messages to the bounds.
 */

export const RUN_STATUSES = ['NotStarted', 'Running', 'Paused', 'Stopping', 'Stopped', 'Completed', 'Failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const FINISHED_RUN_STATUSES: readonly RunStatus[] = ['Stopped', 'Completed', 'Failed'];

export const MEMBER_STATUSES = ['NotStarted', 'Waiting', 'Running', 'Succeeded', 'Failed', 'Skipped', 'RolledBack', 'Stopped'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const STEP_STATUSES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Skipped'] as const;

export const GROUP_STATUSES = ['NotStarted', 'Waiting', 'Running', 'Completed', 'Failed', 'Skipped', 'Stopped'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

export const MAX_RUN_EVENTS = 200;
export const MAX_MEMBER_FAILURES = 10;
export const MAX_MEMBER_PROBLEMS = 12;

const time = z.string().max(40);
const versionMap = z.record(z.string().max(64), z.string().max(64));

/** One planned ARM operation of a member (a `planUpgrade` hop, or a node-image upgrade) and how it went. */
export const memberStepSchema = z.object({
  controlPlane: z.string().max(32).optional(),
  nodePools: versionMap.optional(),
  nodeImage: z.boolean().optional(),
  /** Consistent node images: the pools must end on exactly the listed images; a newer one offered by then fails the step. */
  exactNodeImage: z.boolean().optional(),
  /** Added by the engine after a failed health gate: the pool goes back to its planned-from version (AKS rollback). */
  rollback: z.boolean().optional(),
  status: z.enum(STEP_STATUSES),
  /** The estimator's seconds for this step (the member's ETA adds up the steps left). */
  estimatedSeconds: z.number().min(0).optional(),
  operationId: z.string().max(64).optional(),
  startedAt: time.optional(),
  finishedAt: time.optional(),
  error: z.string().max(500).optional(),
});
export type MemberStep = z.infer<typeof memberStepSchema>;

/** The node-by-node picture of the step running now (surge nodes, drain), as the engine last read it. */
export const rollingStateSchema = z.object({
  pool: z.string().max(64),
  surgeNodes: z.int().min(0),
  nodesUpgraded: z.int().min(0),
  nodesTotal: z.int().min(0),
  drain: z.enum(['NotStarted', 'Draining', 'BlockedByPdb', 'Done']),
  updatedAt: time,
});

export const memberWindowSchema = z.object({
  /** The member has an `aksManagedAutoUpgradeSchedule`/`default` maintenance configuration. */
  hasWindow: z.boolean(),
  open: z.boolean(),
  opensAt: time.optional(),
  closesAt: time.optional(),
});
export type MemberWindow = z.infer<typeof memberWindowSchema>;

export const memberFailureSchema = z.object({ at: time, code: z.string().max(80), message: z.string().max(500) });

export const runMemberSchema = z.object({
  clusterId: z.string().max(1024),
  name: z.string().max(64),
  location: z.string().max(64).optional(),
  stage: z.string().max(50),
  group: z.string().max(50),
  status: z.enum(MEMBER_STATUSES),
  statusReason: z.string().max(500).optional(),
  /** Where the engine reads the member's node progress (its monitoring add-on's workspace), and each pool's node count, as planned. */
  workspaceResourceId: z.string().max(1024).optional(),
  poolNodeCounts: z.record(z.string().max(64), z.int().min(0)).optional(),
  /** Versions when planned (the rollback target of a failed health gate). */
  from: z.object({ controlPlane: z.string().max(32), nodePools: versionMap }).optional(),
  steps: z.array(memberStepSchema).max(12),
  /** Index into `steps` of the step running or next; equals steps.length when all are done. */
  currentStep: z.int().min(0).default(0),
  /** The operation of the step running now (GET /api/operations/{id}); absent between steps and once the member ends. */
  operationId: z.string().max(64).optional(),
  /** From Container Insights (KubeNodeInventory, KubeEvents) each advance, and AKS NodePoolRolling events; the newer wins. */
  rolling: rollingStateSchema.optional(),
  window: memberWindowSchema.optional(),
  /** Estimated minutes of this member's own upgrade (control plane + node rolls). */
  estimatedMinutes: z.number().min(0).optional(),
  /** While a step runs: when the member should be done (the running step's end, plus the estimates of the steps left). */
  eta: time.optional(),
  startedAt: time.optional(),
  finishedAt: time.optional(),
  failures: z.array(memberFailureSchema).max(MAX_MEMBER_FAILURES).default([]),
  problems: z.array(preflightProblemSchema).max(MAX_MEMBER_PROBLEMS).default([]),
});
export type RunMember = z.infer<typeof runMemberSchema>;

export const runGroupSchema = z.object({
  name: z.string().max(50),
  status: z.enum(GROUP_STATUSES),
  /** Resolved from the strategy when the members are frozen. */
  maxConcurrency: z.int().min(1),
  maxAllowedFailures: z.int().min(0),
  failureCount: z.int().min(0).default(0),
  startedAt: time.optional(),
  finishedAt: time.optional(),
});

export const runStageSchema = z.object({
  name: z.string().max(50),
  status: z.enum(GROUP_STATUSES),
  maxConcurrency: z.int().min(1),
  afterStageWaitInSeconds: z.int().min(0),
  /** When the after-stage wait ends. */
  waitUntil: time.optional(),
  startedAt: time.optional(),
  finishedAt: time.optional(),
  groups: z.array(runGroupSchema).max(20),
});
export type RunStage = z.infer<typeof runStageSchema>;

export const RUN_EVENT_KINDS = [
  'Created',
  'Planned',
  'PreflightFailed',
  'Started',
  'StageStarted',
  'StageCompleted',
  'GroupStarted',
  'GroupCompleted',
  'GroupFailed',
  'GateWaiting',
  'GateApproved',
  'GatePassed',
  'GateFailed',
  'MemberStarted',
  'MemberStepStarted',
  'MemberStepSucceeded',
  'MemberSucceeded',
  'MemberFailed',
  'MemberRolledBack',
  'Skipped',
  'Stopping',
  'Stopped',
  'Resumed',
  'Paused',
  'Completed',
  'Failed',
] as const;

export const runEventSchema = z.object({
  at: time,
  kind: z.enum(RUN_EVENT_KINDS),
  message: z.string().max(300),
  clusterId: z.string().max(1024).optional(),
  stage: z.string().max(50).optional(),
  group: z.string().max(50).optional(),
  gateId: z.string().max(120).optional(),
  by: z.string().max(200).optional(),
});
export type RunEvent = z.infer<typeof runEventSchema>;

export const makespanEstimateSchema = z.object({
  /** Expected minutes from start to the end, with the concurrency limits, waits and windows. */
  makespanMinutes: z.number().min(0),
  /** What no schedule can beat: the concurrency limits and the operation durations alone (no windows, no gates). */
  lowerBoundMinutes: z.number().min(0),
  perStage: z.array(z.object({ stage: z.string().max(50), minutes: z.number().min(0) })).max(10),
  /** Gates whose wait cannot be known in advance (approvals), counted as zero. */
  assumptions: z.array(z.string().max(200)).max(10),
});
export type MakespanEstimate = z.infer<typeof makespanEstimateSchema>;

export const PREFLIGHT_STATUSES = ['Pending', 'Completed', 'Failed', 'Cancelled'] as const;
export type PreflightStatus = (typeof PREFLIGHT_STATUSES)[number];

/**
 * The live reads and planning of the members, done as system work on the update-runs queue (never inside the caller's
 * request: a 200-member preflight is ~800 ARM reads). `plan`: after create, the members are read and planned;
 * `start`: planned again, then the run turns Running, or the start is refused (Failed) and it stays NotStarted.
 */
export const runPreflightSchema = z.object({
  /** The message's id: a message naming an older preflight (superseded by a start, or a duplicate) does nothing. */
  id: z.string().max(64),
  purpose: z.enum(['plan', 'start']),
  status: z.enum(PREFLIGHT_STATUSES),
  requestedAt: time,
  requestedBy: z.string().max(200),
  /** Wall clock of the last message sent for it; the repair timer sends another when this is minutes old and it still waits. */
  messageSentAt: time,
  completedAt: time.optional(),
  /** Failed: why the start was refused (the members show every problem). Pending: why the last attempt failed (it is retried). */
  error: z.string().max(1000).optional(),
});
export type RunPreflight = z.infer<typeof runPreflightSchema>;

export const updateRunSchema = z.object({
  id: z.string().max(64),
  name: z.string().max(100).optional(),
  request: createUpdateRunSchema,
  status: z.enum(RUN_STATUSES),
  statusReason: z.string().max(500).optional(),
  /** A dry run: planned and read like any run, never started. */
  dryRun: z.literal(true).optional(),
  /** The last preflight asked for (absent on runs stored before preflights were queued). */
  preflight: runPreflightSchema.optional(),
  createdAt: time,
  createdBy: z.string().max(200),
  startedAt: time.optional(),
  finishedAt: time.optional(),
  /** When the members were frozen (the start); before that they show the last preflight (none yet while the first is pending). */
  frozenAt: time.optional(),
  /** The target resolved at the last plan (an alias x.y becomes x.y.z per member; this is the highest). */
  resolvedVersion: z.string().max(32).optional(),
  /** NodeImageOnly with Consistent selection: per image family, the image every pool goes to (chosen at the last plan). */
  selectedNodeImageVersions: z.record(z.string().max(64), z.string().max(96)).optional(),
  /** When the members were last read and planned; absent until the first preflight is done. */
  plannedAt: time.optional(),
  estimate: makespanEstimateSchema.optional(),
  stages: z.array(runStageSchema).max(10),
  gates: z.array(gateStateSchema).max(200),
  members: z.array(runMemberSchema).max(MAX_RUN_MEMBERS),
  events: z.array(runEventSchema).max(MAX_RUN_EVENTS),
  /** Older events dropped to keep the log bounded (they are in the audit trail). */
  eventsDropped: z.int().min(0).default(0),
  /** Engine: when the next advance message is due (wall clock); a sooner one is not sent again, the repair timer re-sends a lost one. */
  nextAdvanceAt: time.optional(),
});
export type UpdateRun = z.infer<typeof updateRunSchema>;

/** Appends an event, dropping the oldest beyond the bound. */
export function withEvent(run: UpdateRun, event: RunEvent): UpdateRun {
  const events = [...run.events, event];
  const overflow = Math.max(0, events.length - MAX_RUN_EVENTS);
  return { ...run, events: events.slice(overflow), eventsDropped: run.eventsDropped + overflow };
}

export function isFinished(status: RunStatus): boolean {
  return FINISHED_RUN_STATUSES.includes(status);
}
