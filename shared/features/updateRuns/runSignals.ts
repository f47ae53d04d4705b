import { applyRollingUpdate, recordFiredAlert } from '../../domain/upgrades/run';
import type { Logger } from '../../platform/observability/logger';
import type { RunEngineDependencies } from './runEngineDependencies';
import type { UpdateRun } from './updateRunDocument';

export interface NodePoolRollingEvent {
  clusterResourceId: string;
  nodePool: string;
  status: 'Started' | 'Succeeded' | 'Failed';
  eventId: string;
  time: string;
}

export interface ClusterAlert {
  clusterResourceId: string;
  alertId: string;
  alertRule: string;
  monitorCondition: 'Fired' | 'Resolved';
  severity: string;
  firedAt: string;
}

const sameCluster = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Active runs (running, paused, stopping) that hold the cluster as a member. */
async function activeRunsWith(deps: RunEngineDependencies, clusterId: string): Promise<UpdateRun[]> {
  const runs = await deps.store.active();
  return runs.map((stored) => stored.value).filter((run) => run.members.some((member) => sameCluster(member.clusterId, clusterId)));
}

/** Lower-cased ids of the clusters a run is upgrading now (the autoscaler leaves them alone): one read of the active runs. */
export async function clustersInUpdateRun(deps: RunEngineDependencies): Promise<Set<string>> {
  const runs = await deps.store.active();
  return new Set(runs.flatMap((stored) => stored.value.members.filter((member) => member.status === 'Running').map((member) => member.clusterId.toLowerCase())));
}

/**
 * AKS's NodePoolRolling events (Event Grid): the member's rolling picture is updated, its operation refreshed from ARM
 * (the event says ARM knows more now, ahead of the operation's next scheduled check) and its run advanced at once,
 * rather than at its next poll. Repeated deliveries change nothing more, and the order they arrive in does not matter
 * (applyRollingUpdate orders them by their own time).
 */
export async function onNodePoolRollingEvent(deps: RunEngineDependencies, event: NodePoolRollingEvent, log: Logger): Promise<void> {
  for (const run of await activeRunsWith(deps, event.clusterResourceId)) {
    await deps.store.update(run.id, (current) => {
      const member = current.members.find((m) => sameCluster(m.clusterId, event.clusterResourceId) && m.status === 'Running');
      if (!member) return undefined;
      const rolling = applyRollingUpdate(member.rolling, { pool: event.nodePool, drain: event.status === 'Started' ? 'Draining' : 'Done', at: event.time });
      if (JSON.stringify(rolling) === JSON.stringify(member.rolling)) return undefined;
      return { ...current, members: current.members.map((m) => (m === member ? { ...m, rolling } : m)) };
    });
    await refreshMemberOperation(deps, run, event.clusterResourceId, log);
    await deps.kickRun(run.id, 0);
    log.info('Node pool rolling event applied to an update run', { run: run.id, cluster: event.clusterResourceId, pool: event.nodePool, status: event.status });
  }
}

/** One ARM poll of the operation the member's current step runs; a failed poll leaves it to the operations queue. */
async function refreshMemberOperation(deps: RunEngineDependencies, run: UpdateRun, clusterId: string, log: Logger): Promise<void> {
  const member = run.members.find((m) => sameCluster(m.clusterId, clusterId) && m.status === 'Running');
  const operationId = member?.steps[member.currentStep]?.operationId;
  if (!operationId) return;
  try {
    await deps.runner.refresh(operationId);
  } catch (error) {
    log.warn('Could not refresh the member operation after its node pool event', { run: run.id, operation: operationId, error: error instanceof Error ? error.message : String(error) });
  }
}

/** An operation a run started has ended (told once by the operations module): the run is advanced at once. */
export async function onOperationEnded(deps: Pick<RunEngineDependencies, 'kickRun'>, operation: { id: string; createdBy?: string | undefined }, log: Logger): Promise<void> {
  const runId = RUN_CREATOR.exec(operation.createdBy ?? '')?.[1];
  if (!runId) return;
  await deps.kickRun(runId, 0);
  log.info('A member operation ended; its update run is advanced', { run: runId, operation: operation.id });
}

/** `createdBy` of the operations an update run starts (submitMemberStep). */
const RUN_CREATOR = /^updateRun\/(.+)$/;

/** A fired alert on a member fails every waiting health gate that checks it; the run's next advance settles the gate. */
export async function onAlert(deps: RunEngineDependencies, alert: ClusterAlert, log: Logger): Promise<void> {
  if (alert.monitorCondition !== 'Fired') return;
  for (const run of await activeRunsWith(deps, alert.clusterResourceId)) {
    let gates: string[] = [];
    await deps.store.update(run.id, (current) => {
      const draft = structuredClone(current);
      gates = recordFiredAlert(draft, { clusterId: alert.clusterResourceId, alertRule: alert.alertRule, firedAt: alert.firedAt, severity: alert.severity }).map((gate) => gate.id);
      return gates.length > 0 ? draft : undefined;
    });
    if (gates.length > 0) {
      await deps.kickRun(run.id, 0);
      log.warn('An alert fired on an update-run member fails its health gate', { run: run.id, cluster: alert.clusterResourceId, alertRule: alert.alertRule, gates: gates.join(',') });
    }
  }
}
