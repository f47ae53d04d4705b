import type { TableClient } from '@azure/data-tables';
import type { InvocationContext } from '@azure/functions';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { clusterAddressOfId } from '../../domain/fleet/clusterAddress';
import { invocationLogger, type Logger, type LogLevel } from '../../platform/observability/logger';
import { autoscaleHttpHandlers } from './autoscale.http';
import type { AutoscaleDependencies } from './autoscaleDependencies';
import { autoscaleMessageSchema } from './autoscaleMessages';
import { ensureRunning, runTick } from './cycleChain';
import { CycleChainStore } from './cycleChainStore';
import { DecisionStore } from './decisionStore';
import { evaluateCluster } from './evaluateCluster';
import { evaluateCarriedBatch, evaluateSubscription } from './evaluateSubscription';
import type { DecisionRecord } from './decisionRecord';
import { PoolStateStore } from './poolStateStore';
import { unreadTargetsOf } from './unreadTargets';
import { WriteBudgetStore } from './writeBudgetStore';
import { randomUUID } from 'node:crypto';

export { autoscaleOperations } from './autoscale.api';
export type { AutoscaleDependencies, MetricsTarget } from './autoscaleDependencies';
export type { AutoscaleMessage } from './autoscaleMessages';
export { autoscaleSnapshotOf } from './inventorySnapshot';
export type { DecisionRecord } from './decisionRecord';

/** Autoscale evaluation: the cycle (queue chain + repair timer), decisions, on-demand evaluation. */
export interface AutoscaleModule {
  http: HttpHandlers;
  /** The `autoscaleCycle` queue trigger: a tick, a subscription's fan-out, a batch, or one cluster's evaluation. */
  handleMessage(message: unknown, context: InvocationContext): Promise<void>;
  /** The `autoscaleRepair` timer: starts an idle chain when a policy is on, restarts one whose tick was lost. */
  repair(context: InvocationContext): Promise<void>;
  /** Starts the cycle now if it is idle and a policy is enabled (e.g. right after a policy is enabled). */
  ensureCycleRunning(): Promise<void>;
  /** Enqueues an immediate evaluation of the cluster's pools (alert webhooks call it). */
  requestEvaluation(input: { clusterResourceId: string; reason: string }): Promise<void>;
}

export type AutoscalePorts = Omit<AutoscaleDependencies, 'chain' | 'poolStates' | 'writeBudget' | 'decisions'>;

export function buildAutoscale(ports: AutoscalePorts & { stateTable: TableClient; decisionsTable: TableClient; http: HttpPipeline; logLevel: LogLevel; publicBaseUrl: string | undefined }): AutoscaleModule {
  const deps: AutoscaleDependencies = {
    ...ports,
    chain: new CycleChainStore(ports.stateTable),
    poolStates: new PoolStateStore(ports.stateTable),
    writeBudget: new WriteBudgetStore(ports.stateTable),
    decisions: new DecisionStore(ports.decisionsTable),
  };
  const logger = (context: InvocationContext, functionName: string) => invocationLogger(context, { operationId: functionName }, ports.logLevel);
  return {
    http: autoscaleHttpHandlers(ports.http, deps, ports.publicBaseUrl),
    async handleMessage(message, context) {
      const log = logger(context, 'autoscaleCycle');
      const parsed = autoscaleMessageSchema.parse(message);
      switch (parsed.kind) {
        case 'tick': {
          const outcome = await runTick(deps, parsed);
          if (outcome !== 'duplicate') log.info('Autoscale tick', { cycle: parsed.cycle, outcome });
          return;
        }
        case 'subscription': {
          const outcome = await evaluateSubscription(deps, parsed);
          log.info('Autoscale subscription read and fanned out', { cycle: parsed.cycle, subscriptionId: parsed.subscriptionId, source: outcome.source, clusters: outcome.clusters, batchesSent: outcome.batchesSent });
          logBatch(log, parsed, outcome.records);
          return;
        }
        case 'batch': {
          logBatch(log, parsed, await evaluateCarriedBatch(deps, parsed));
          return;
        }
        case 'cluster': {
          const address = clusterAddressOfId(parsed.clusterResourceId);
          if (!address) {
            log.warn('An evaluation was asked for something that is not a cluster id', { target: parsed.clusterResourceId });
            return;
          }
          const records = await evaluateCluster(deps, address, { trigger: 'alert', reason: parsed.reason, dryRun: false, correlationId: randomUUID() });
          log.info('Autoscale evaluation on request', { target: parsed.clusterResourceId, reason: parsed.reason, pools: records.length });
          warnUnread(log, records);
          return;
        }
      }
    },
    async repair(context) {
      const outcome = await ensureRunning(deps);
      if (outcome === 'restarted') logger(context, 'autoscaleRepair').warn('The autoscale cycle had lost its tick; restarted');
      else if (outcome === 'started') logger(context, 'autoscaleRepair').info('The autoscale cycle started: a policy is enabled');
    },
    async ensureCycleRunning() {
      await ensureRunning(deps);
    },
    async requestEvaluation(input) {
      await deps.queue.send({ kind: 'cluster', clusterResourceId: input.clusterResourceId, reason: input.reason });
    },
  };
}

function logBatch(log: Logger, batch: { cycle: number; subscriptionId: string }, records: readonly DecisionRecord[]): void {
  const submitted = records.filter((record) => record.outcome.kind === 'Submitted').length;
  const deferred = records.filter((record) => record.outcome.kind === 'Deferred').length;
  log.info('Autoscale batch evaluated', { cycle: batch.cycle, subscriptionId: batch.subscriptionId, pools: records.length, submitted, deferred });
  warnUnread(log, records);
}

/** A target that could not be read leaves its pools unable to scale down: say which and why. */
function warnUnread(log: Logger, records: readonly DecisionRecord[]): void {
  for (const unread of unreadTargetsOf(records)) {
    log.warn('An autoscale target could not be read; its pools are not scaled down', { target: unread.target, reason: unread.reason, pools: unread.pools.length, firstPool: unread.pools[0] });
  }
}
