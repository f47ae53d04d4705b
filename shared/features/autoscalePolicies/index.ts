import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { TableClient } from '@azure/data-tables';
import type { PoolIdentity } from '../../domain/autoscale/policy';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { autoscalePolicyHttpHandlers } from './autoscalePolicies.http';
import { AutoscalePolicyStore } from './autoscalePolicyStore';
import { poolModeFromArm } from './poolMode';
import { policiesFor, type PoolPolicy } from './policySelectionForPools';

export { autoscalePolicyOperations } from './autoscalePolicies.api';
export { AutoscalePolicyStore } from './autoscalePolicyStore';
export { policiesFor, type PoolPolicy } from './policySelectionForPools';
export { ScheduleTimeline } from './scheduleTimeline';
export { runWhatIf } from './runWhatIf';
export { effectivePolicyAt, nextOccurrenceAfter, openWindowsAt, openWindowOf, scheduleCronIssues, type OpenWindow, type WindowCache } from './scheduleWindows';
export type { FleetPolicyRecord, PoolPolicyRecord } from './policyRecords';

/**
 * Autoscale policies: per node pool and fleet-wide, durable with ETags, and what the evaluation cycle asks of
 * them (which policy governs each pool and how its schedules change it now; whether any policy is on).
 */
export interface AutoscalePoliciesModule {
  store: AutoscalePolicyStore;
  /** Which policy governs each pool (keyed by `poolKeyOf`) and its schedule-adjusted form at `now`. */
  policiesFor(pools: readonly PoolIdentity[], now: Date): Promise<Map<string, PoolPolicy>>;
  /** Cheap: whether any policy is enabled (the cycle does not run without one). */
  anyPolicyEnabled(): Promise<boolean>;
  http: HttpHandlers;
}

export interface AutoscalePoliciesDependencies {
  table: TableClient;
  http: HttpPipeline;
  containerService: (subscriptionId: string) => ContainerServiceClient;
  now: () => Date;
  /** Starts the autoscale cycle if it is idle (the autoscale module's `ensureCycleRunning`). */
  policyEnabled: () => Promise<void>;
}

export function buildAutoscalePolicies(deps: AutoscalePoliciesDependencies): AutoscalePoliciesModule {
  const store = new AutoscalePolicyStore(deps.table);
  return {
    store,
    policiesFor: (pools, now) => policiesFor(store, pools, now),
    anyPolicyEnabled: () => store.anyEnabled(),
    http: autoscalePolicyHttpHandlers(deps.http, {
      store,
      poolModeOf: (address) => poolModeFromArm(deps.containerService(address.subscriptionId), address),
      now: deps.now,
      policyEnabled: deps.policyEnabled,
    }),
  };
}
