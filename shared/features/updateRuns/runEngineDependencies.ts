import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { AuditEvent } from '../../domain/audit/auditEvent';
import type { EmitFleetEvent } from '../../domain/events';
import type { Clock } from '../../platform/clock/clock';
import type { LogLevel, Logger } from '../../platform/observability/logger';
import type { BatchQuery, LogRowsResult } from '../../platform/monitor/logsClient';
import type { ArmOperationRunner, OperationRecord } from '../operations';
import type { AssessMembersHealth } from './healthReadings';
import type { MaintenanceWindowReader } from './maintenanceWindows';
import type { PreflightOutcome } from './preflightOutcome';
import type { KickRun, RequestPreflight } from './updateRunPorts';
import type { RunPreflightMessage } from './updateRunsQueue';
import type { UpdateRunStore } from './updateRunStore';

/** What the execution engine needs; the composition root wires it (tests over Azurite and the emulator). */
export interface RunEngineDependencies {
  store: UpdateRunStore;
  kickRun: KickRun;
  requestPreflight: RequestPreflight;
  /** The update-run API's preflight (its member reads need the API's dependencies). */
  preflight: (message: RunPreflightMessage, log: Logger) => Promise<PreflightOutcome | 'stale'>;
  /** Starts members' steps; an AKS event's kick also refreshes the member's operation from ARM with it. */
  runner: ArmOperationRunner;
  /** The stored record of an operation (no ARM call): the operations queue is what polls ARM. */
  readOperation: (operationId: string) => Promise<OperationRecord | undefined>;
  containerService: (subscriptionId: string) => ContainerServiceClient;
  windows: MaintenanceWindowReader;
  assessHealth: AssessMembersHealth;
  /** Container Insights node progress of running members: the workspace's customer id, and one batch of queries per workspace. */
  workspaceCustomerId: (workspaceResourceId: string) => Promise<string>;
  queryLogsBatch: (queries: readonly BatchQuery[]) => Promise<(LogRowsResult | Error)[]>;
  emitEvent: EmitFleetEvent;
  recordAudit: (event: Omit<AuditEvent, 'id'>) => Promise<void>;
  clock: Clock;
  logLevel: LogLevel;
  /** Longest pause (wall seconds) between advances while something runs or a timed wait is pending. */
  pollSeconds: number;
}
