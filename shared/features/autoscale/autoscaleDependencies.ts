import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { EffectivePolicy, PoolIdentity } from '../../domain/autoscale/policy';
import type { EmitFleetEvent } from '../../domain/events';
import type { PoolMetricSeries } from '../../domain/health';
import type { Clock } from '../../platform/clock/clock';
import type { StorageQueue } from '../../platform/storage/storageQueue';
import type { ArmOperationRunner } from '../operations';
import type { AutoscaleMessage, CarriedCluster } from './autoscaleMessages';
import type { CycleChainStore } from './cycleChainStore';
import type { QueryMetrics } from './customMetricTargets';
import type { DecisionStore } from './decisionStore';
import type { PendingPodPorts } from './pendingPods';
import type { PoolStateStore } from './poolStateStore';
import type { WriteBudgetStore } from './writeBudgetStore';

/** A cluster whose pool metrics are read (the fields the metrics batches group by). */
export interface MetricsTarget {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  pools: { name: string; count?: number | undefined }[];
}

/** What the autoscale feature needs from outside; the composition root wires every port. */
export interface AutoscaleDependencies extends PendingPodPorts {
  subscriptions: () => string[];
  containerService: (subscriptionId: string) => ContainerServiceClient;
  /** The policies (autoscalePolicies feature): whether any is on, and each pool's as it applies at `now`. */
  policies: {
    anyEnabled(): Promise<boolean>;
    forPools(pools: readonly PoolIdentity[], now: Date): Promise<Map<string, { effective: EffectivePolicy }>>;
  };
  /**
   * The inventory's snapshot of a subscription's clusters (the inventory feature) and when its last successful
   * list was taken; undefined when it has none or lacks a field the cycle reads (rows written by an older sync).
   */
  inventorySnapshot: (subscriptionId: string) => Promise<{ takenAt: Date; clusters: CarriedCluster[] } | undefined>;
  /** A snapshot at most this old replaces the cycle's ARM list (0: always list). */
  inventoryMaxAgeSeconds: number;
  /** Node CPU and memory % per pool and minute: one metrics batch per ≤ 50 clusters of a region (clusterHealth's). */
  queryPoolMetrics: (targets: readonly MetricsTarget[], window: { start: Date; end: Date }) => Promise<Map<string, { series: PoolMetricSeries } | { unavailable: string }>>;
  /** Azure Monitor's metrics batch (`MetricsClient.queryResources`), for custom metric targets. */
  queryMetrics: QueryMetrics;
  /** Lower-cased ids of the clusters a Fleetplane update run is upgrading now (one read per batch). */
  clustersInUpdateRun: () => Promise<ReadonlySet<string>>;
  runner: ArmOperationRunner;
  clock: Clock;
  emitEvent: EmitFleetEvent;
  queue: StorageQueue<AutoscaleMessage>;
  chain: CycleChainStore;
  poolStates: PoolStateStore;
  writeBudget: WriteBudgetStore;
  decisions: DecisionStore;
  cycleSeconds: number;
}
