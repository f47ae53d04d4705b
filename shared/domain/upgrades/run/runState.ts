import type { RollingState } from './rollingProgress';

/**
 * The part of a stored update run the execution engine reads and changes. The feature's run document
 * (features/updateRuns/updateRunDocument.ts) has these fields and more; the domain only names what it decides on,
 * so the decisions stay pure and the document's other fields pass through untouched.
 */

export type RunStatus = 'NotStarted' | 'Running' | 'Paused' | 'Stopping' | 'Stopped' | 'Completed' | 'Failed';
export type MemberStatus = 'NotStarted' | 'Waiting' | 'Running' | 'Succeeded' | 'Failed' | 'Skipped' | 'RolledBack' | 'Stopped';
export type StepStatus = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Skipped';
export type GroupStatus = 'NotStarted' | 'Waiting' | 'Running' | 'Completed' | 'Failed' | 'Skipped' | 'Stopped';
export type GateStatus = 'Pending' | 'Waiting' | 'Approved' | 'Passed' | 'Failed' | 'Skipped';
export type HealthStatusName = 'Healthy' | 'Unknown' | 'Degraded' | 'Unhealthy';

/** One ARM operation of a member: an upgrade hop, a node-image upgrade, or (`rollback`) one pool going back. */
export interface RunStep {
  controlPlane?: string | undefined;
  nodePools?: Record<string, string> | undefined;
  nodeImage?: boolean | undefined;
  rollback?: boolean | undefined;
  status: StepStatus;
  /** The estimator's seconds for this step (upgradeDurations), set when planned; absent on rollbacks and older runs. */
  estimatedSeconds?: number | undefined;
  operationId?: string | undefined;
  startedAt?: string | undefined;
  finishedAt?: string | undefined;
  error?: string | undefined;
}

export interface RunMemberWindow {
  hasWindow: boolean;
  open: boolean;
  opensAt?: string | undefined;
  closesAt?: string | undefined;
}

export interface RunMemberState {
  clusterId: string;
  name: string;
  stage: string;
  group: string;
  status: MemberStatus;
  statusReason?: string | undefined;
  from?: { controlPlane: string; nodePools: Record<string, string> } | undefined;
  steps: RunStep[];
  currentStep: number;
  /** The operation of the step running now (absent between steps and once the member ends). */
  operationId?: string | undefined;
  /** When the member should be done, while a step runs. */
  eta?: string | undefined;
  estimatedMinutes?: number | undefined;
  rolling?: RollingState | undefined;
  window?: RunMemberWindow | undefined;
  startedAt?: string | undefined;
  finishedAt?: string | undefined;
  failures: { at: string; code: string; message: string }[];
}

export interface RunGroupState {
  name: string;
  status: GroupStatus;
  maxConcurrency: number;
  maxAllowedFailures: number;
  failureCount: number;
  startedAt?: string | undefined;
  finishedAt?: string | undefined;
}

export interface RunStageState {
  name: string;
  status: GroupStatus;
  maxConcurrency: number;
  afterStageWaitInSeconds: number;
  waitUntil?: string | undefined;
  startedAt?: string | undefined;
  finishedAt?: string | undefined;
  groups: RunGroupState[];
}

export interface HealthConditionState {
  signal: string;
  atMost: number;
}

export type GateDefinitionState =
  | { type: 'Approval'; displayName?: string | undefined }
  | { type: 'ScheduledStart'; startDay: string; startTime: string; utcOffset: string; displayName?: string | undefined }
  | { type: 'Health'; worstStatus: HealthStatusName; conditions: HealthConditionState[]; window: string; soakSeconds: number; displayName?: string | undefined };

export interface HealthObservationState {
  clusterId: string;
  at: string;
  status: HealthStatusName;
  passed: boolean;
  reasons: string[];
}

export interface RunGateState {
  id: string;
  placement: { stage: string; group?: string | undefined; position: 'before' | 'after' };
  definition: GateDefinitionState;
  status: GateStatus;
  waitingSince?: string | undefined;
  opensAt?: string | undefined;
  decidedAt?: string | undefined;
  decidedBy?: string | undefined;
  message?: string | undefined;
  observations: HealthObservationState[];
}

/** The run log's kinds (the document's RUN_EVENT_KINDS); the engine writes the ones from Started on. */
export type RunEventKind =
  | 'Created'
  | 'Planned'
  | 'PreflightFailed'
  | 'GateApproved'
  | 'Skipped'
  | 'Stopping'
  | 'Resumed'
  | 'Started'
  | 'StageStarted'
  | 'StageCompleted'
  | 'GroupStarted'
  | 'GroupCompleted'
  | 'GroupFailed'
  | 'GateWaiting'
  | 'GatePassed'
  | 'GateFailed'
  | 'MemberStarted'
  | 'MemberStepStarted'
  | 'MemberStepSucceeded'
  | 'MemberSucceeded'
  | 'MemberFailed'
  | 'MemberRolledBack'
  | 'Stopped'
  | 'Paused'
  | 'Completed'
  | 'Failed';

export interface RunEventState {
  at: string;
  kind: RunEventKind;
  message: string;
  clusterId?: string | undefined;
  stage?: string | undefined;
  group?: string | undefined;
  gateId?: string | undefined;
}

export interface RunState {
  id: string;
  status: RunStatus;
  statusReason?: string | undefined;
  startedAt?: string | undefined;
  finishedAt?: string | undefined;
  request: { strategy?: { rollbackOnFailedHealthGate: boolean } | undefined };
  stages: RunStageState[];
  gates: RunGateState[];
  members: RunMemberState[];
  events: RunEventState[];
  eventsDropped: number;
}

export const MAX_RUN_EVENTS = 200;
/** The run log's bound on one event's message (the document schema's). */
export const MAX_EVENT_MESSAGE = 300;
export const MAX_MEMBER_FAILURES = 10;
export const MAX_GATE_OBSERVATIONS = 50;

export const FINISHED_MEMBER_STATUSES: readonly MemberStatus[] = ['Succeeded', 'Failed', 'Skipped', 'RolledBack', 'Stopped'];

export function isMemberFinished(member: RunMemberState): boolean {
  return FINISHED_MEMBER_STATUSES.includes(member.status);
}

export function sameCluster(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
