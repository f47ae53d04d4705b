import type { RollingUpdate } from './rollingProgress';
import type { HealthStatusName, RunState } from './runState';
import { activeHealthGateScopes } from './gateScope';
import { isStepInFlight, membersToStart } from './memberSelection';

/** What the engine read from Azure and the operation store just before deciding; the decisions use nothing else. */
export interface OperationObservation {
  /** `Missing`: no record with that id (the submission never began: a host stopped before it). */
  status: 'Accepted' | 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled' | 'Missing';
  error?: { code: string; message: string } | undefined;
}

export interface HealthReading {
  status: HealthStatusName;
  reasons: string[];
  /** The health-gate signals (see HEALTH_GATE_SIGNALS); a signal that could not be read is absent. */
  signals: Record<string, number | undefined>;
}

export interface AdvanceContext {
  /** ISO-8601 UTC, from the Clock. */
  now: string;
  /** A fresh operation id (the engine passes randomUUID; tests a counter). */
  newOperationId: () => string;
  /** By operation id. */
  operations: Record<string, OperationObservation>;
  /** By lower-cased cluster id: the member's AKS maintenance window (wire shape), null = none configured. */
  windows: Record<string, { maintenanceWindow: unknown }>;
  /** By lower-cased cluster id. */
  health: Record<string, HealthReading>;
  /** By lower-cased cluster id: the node roll of members whose step runs, from Container Insights (absent when unread). */
  rolling?: Record<string, RollingUpdate> | undefined;
}

/** What the engine has to read before `decideAdvance`: bounded by the members that can move now. */
export interface ObservationNeeds {
  operationIds: string[];
  /** Clusters whose maintenance window decides whether they may start now. */
  windowClusterIds: string[];
  /** Clusters a waiting health gate checks. */
  healthClusterIds: string[];
}

export function observationNeeds(run: RunState): ObservationNeeds {
  const operationIds = run.members.flatMap((member) => {
    const step = member.steps[member.currentStep];
    return step && isStepInFlight(step) && step.operationId ? [step.operationId] : [];
  });
  const windowClusterIds = run.status === 'Running' ? membersToStart(run).map((member) => member.clusterId) : [];
  const healthClusterIds = run.status === 'Running' ? [...new Set(activeHealthGateScopes(run).flatMap((scope) => scope.clusterIds))] : [];
  return { operationIds, windowClusterIds, healthClusterIds };
}
