import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalculateReplicasInput, MetricTarget, ReplicaSample } from '../../../shared/domain/autoscale';
import { calculateReplicas } from '../../../shared/domain/autoscale';
import { customMetricPods, oneCore, plainPods, resourcePods } from './support/upstreamPods';

/**
 * Rows transcribed from kubernetes/kubernetes pkg/controller/podautoscaler/replica_calculator_test.go
 * (the 2025-26 version: TestReplicaCalcResourceScale's table plus the single-case tests). Each row names the
 * upstream test (and, for table rows, the case); `current` is what upstream asserts as utilization or usage.
 * Not transcribed: container-resource rows (no per-container input here) and the raw average value.
 * Upstream's Tolerances{scaleDown, scaleUp} become the one tolerance of the direction the row moves in.
 */
interface Row {
  upstream: string;
  input: CalculateReplicasInput;
  desiredReplicas?: number;
  current?: number;
  error?: string;
}

const cpu = (targetUtilizationPercent: number): MetricTarget => ({
  type: 'Resource',
  resource: 'cpu',
  targetUtilizationPercent,
});
const qps = (targetAverageValueMilli: number): MetricTarget => ({ type: 'Pods', targetAverageValueMilli });
const MAX_INT64 = 2 ** 63; // math.MaxInt64 as a float64, which is what these rows compute with
const MAX_INT32 = 2_147_483_647;

const resourceRows: Row[] = [
  {
    upstream: 'TestReplicaCalcResourceScale/scale up',
    input: {
      currentReplicas: 3,
      samples: resourcePods({ current: 3, requestsMilli: oneCore(3), levels: [300, 500, 700] }),
      metric: cpu(30),
    },
    desiredReplicas: 5,
    current: 50,
  },
  {
    upstream:
      'TestReplicaCalcResourceScale/scale up: unready pod scales less (was TestReplicaCalcScaleUpUnreadyLessScale)',
    input: {
      currentReplicas: 3,
      samples: resourcePods({
        current: 3,
        requestsMilli: oneCore(3),
        levels: [300, 500, 700],
        readiness: [false, true, true],
      }),
      metric: cpu(30),
    },
    desiredReplicas: 4,
    current: 60,
  },
  {
    upstream: 'TestReplicaCalcResourceScale/scale up: hot-CPU pod scales less',
    input: {
      currentReplicas: 3,
      samples: resourcePods({ current: 3, requestsMilli: oneCore(3), levels: [300, 500, 700], hot: [0] }),
      metric: cpu(30),
    },
    desiredReplicas: 4,
    current: 60,
  },
  {
    upstream: 'TestReplicaCalcResourceScale/no scale: unready pods ignored',
    input: {
      currentReplicas: 3,
      samples: resourcePods({
        current: 3,
        requestsMilli: oneCore(3),
        levels: [400, 500, 700],
        readiness: [true, false, false],
      }),
      metric: cpu(30),
    },
    desiredReplicas: 3,
    current: 40,
  },
  {
    upstream: 'TestReplicaCalcResourceScale/no scale: hot-CPU pods ignored',
    input: {
      currentReplicas: 3,
      samples: resourcePods({
        current: 3,
        requestsMilli: oneCore(3),
        levels: [400, 500, 700],
        readiness: [true, false, false],
        hot: [1, 2],
      }),
      metric: cpu(30),
    },
    desiredReplicas: 3,
    current: 40,
  },
  {
    upstream: 'TestReplicaCalcResourceScale/scale up: failed pods ignored',
    input: {
      currentReplicas: 2,
      samples: resourcePods({
        current: 2,
        requestsMilli: oneCore(4),
        levels: [500, 700],
        readiness: [true, true, false, false],
        phases: ['Running', 'Running', 'Failed', 'Failed'],
      }),
      metric: cpu(30),
    },
    desiredReplicas: 4,
    current: 60,
  },
  {
    upstream: 'TestReplicaCalcResourceScale/scale up: pods being deleted are ignored',
    input: {
      currentReplicas: 2,
      samples: resourcePods({
        current: 2,
        requestsMilli: oneCore(4),
        levels: [500, 700],
        readiness: [true, true, false, false],
        phases: ['Running', 'Running', 'Running', 'Running'],
        deleting: [false, false, true, true],
      }),
      metric: cpu(30),
    },
    desiredReplicas: 4,
    current: 60,
  },
  {
    upstream: 'TestReplicaCalcResourceScale/scale down',
    input: {
      currentReplicas: 5,
      samples: resourcePods({ current: 5, requestsMilli: oneCore(5), levels: [100, 300, 500, 250, 250] }),
      metric: cpu(50),
    },
    desiredReplicas: 3,
    current: 28,
  },
  {
    upstream: 'TestReplicaCalcResourceScale/scale down: exclude unready pods',
    input: {
      currentReplicas: 5,
      samples: resourcePods({
        current: 5,
        requestsMilli: oneCore(5),
        levels: [100, 300, 500, 250, 250],
        readiness: [true, true, true, false, false],
      }),
      metric: cpu(50),
    },
    desiredReplicas: 2,
    current: 30,
  },
  {
    upstream: 'TestReplicaCalcResourceScale/scale down: exclude unscheduled pods',
    input: {
      currentReplicas: 5,
      samples: resourcePods({
        current: 5,
        requestsMilli: oneCore(5),
        levels: [100],
        readiness: [true, false, false, false, false],
        phases: ['Running', 'Pending', 'Pending', 'Pending', 'Pending'],
      }),
      metric: cpu(50),
    },
    desiredReplicas: 1,
    current: 10,
  },
  {
    upstream: 'TestReplicaCalcResourceScale/scale down: ignore hot-CPU pods',
    input: {
      currentReplicas: 5,
      samples: resourcePods({
        current: 5,
        requestsMilli: oneCore(5),
        levels: [100, 300, 500, 250, 250],
        hot: [3, 4],
      }),
      metric: cpu(50),
    },
    desiredReplicas: 2,
    current: 30,
  },
  {
    upstream: 'TestReplicaCalcResourceScale/scale down: failed pods ignored',
    input: {
      currentReplicas: 5,
      samples: resourcePods({
        current: 5,
        requestsMilli: oneCore(7),
        levels: [100, 300, 500, 250, 250],
        readiness: [true, true, true, true, true, false, false],
        phases: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'],
      }),
      metric: cpu(50),
    },
    desiredReplicas: 3,
    current: 28,
  },
  {
    upstream: 'TestReplicaCalcResourceScale/scale down: pods being deleted are ignored',
    input: {
      currentReplicas: 5,
      samples: resourcePods({
        current: 5,
        requestsMilli: oneCore(7),
        levels: [100, 300, 500, 250, 250],
        readiness: [true, true, true, true, true, false, false],
        phases: ['Running', 'Running', 'Running', 'Running', 'Running', 'Running', 'Running'],
        deleting: [false, false, false, false, false, true, true],
      }),
      metric: cpu(50),
    },
    desiredReplicas: 3,
    current: 28,
  },
  {
    upstream: 'TestReplicaCalcTolerance',
    input: {
      currentReplicas: 3,
      samples: resourcePods({ current: 3, requestsMilli: [900, 1000, 1100], levels: [1010, 1030, 1020] }),
      metric: cpu(100),
    },
    desiredReplicas: 3,
    current: 102,
  },
  {
    upstream: 'TestReplicaCalcConfigurableTolerance/Outside of a 0% tolerance',
    input: {
      currentReplicas: 3,
      samples: resourcePods({ current: 3, requestsMilli: [900, 1000, 1100], levels: [909, 1010, 1111] }),
      metric: cpu(100),
      tolerance: 0,
    },
    desiredReplicas: 4,
    current: 101,
  },
  {
    upstream: 'TestReplicaCalcConfigurableTolerance/Within a 200% scale-up tolerance',
    input: {
      currentReplicas: 3,
      samples: resourcePods({ current: 3, requestsMilli: [900, 1000, 1100], levels: [1890, 1910, 1900] }),
      metric: cpu(100),
      tolerance: 2,
    },
    desiredReplicas: 3,
    current: 190,
  },
  {
    upstream: 'TestReplicaCalcConfigurableTolerance/Outside 8% scale-up tolerance',
    input: {
      currentReplicas: 3,
      samples: resourcePods({ current: 3, requestsMilli: [900, 1000, 1100], levels: [1100, 1080, 1090] }),
      metric: cpu(100),
      tolerance: 0.08,
    },
    desiredReplicas: 4,
    current: 109,
  },
  {
    upstream: 'TestReplicaCalcConfigurableTolerance/Within a 36% scale-down tolerance',
    input: {
      currentReplicas: 3,
      samples: resourcePods({ current: 3, requestsMilli: [900, 1000, 1100], levels: [660, 640, 650] }),
      metric: cpu(100),
      tolerance: 0.36,
    },
    desiredReplicas: 3,
    current: 65,
  },
  {
    upstream: 'TestReplicaCalcConfigurableTolerance/Outside a 34% scale-down tolerance',
    input: {
      currentReplicas: 3,
      samples: resourcePods({ current: 3, requestsMilli: [900, 1000, 1100], levels: [660, 640, 650] }),
      metric: cpu(100),
      tolerance: 0.34,
    },
    desiredReplicas: 2,
    current: 65,
  },
  {
    upstream:
      'TestReplicaCalcSuperfluousMetrics (the two metrics of unknown pods cannot be expressed; they are ignored upstream)',
    input: {
      currentReplicas: 4,
      samples: resourcePods({ current: 4, requestsMilli: oneCore(4), levels: [4000, 9500, 3000, 7000] }),
      metric: cpu(100),
    },
    desiredReplicas: 24,
    current: 587,
  },
  {
    upstream: 'TestReplicaCalcMissingMetrics',
    input: {
      currentReplicas: 4,
      samples: resourcePods({ current: 4, requestsMilli: oneCore(4), levels: [400, 95] }),
      metric: cpu(100),
    },
    desiredReplicas: 3,
    current: 24,
  },
  {
    upstream: 'TestReplicaCalcMissingMetricsNoChangeEq',
    input: {
      currentReplicas: 2,
      samples: resourcePods({ current: 2, requestsMilli: oneCore(2), levels: [1000] }),
      metric: cpu(100),
    },
    desiredReplicas: 2,
    current: 100,
  },
  {
    upstream: 'TestReplicaCalcMissingMetricsNoChangeGt',
    input: {
      currentReplicas: 2,
      samples: resourcePods({ current: 2, requestsMilli: oneCore(2), levels: [1900] }),
      metric: cpu(100),
    },
    desiredReplicas: 2,
    current: 190,
  },
  {
    upstream: 'TestReplicaCalcMissingMetricsNoChangeLt',
    input: {
      currentReplicas: 2,
      samples: resourcePods({ current: 2, requestsMilli: oneCore(2), levels: [600] }),
      metric: cpu(100),
    },
    desiredReplicas: 2,
    current: 60,
  },
  {
    upstream: 'TestReplicaCalcMissingMetricsUnreadyChange',
    input: {
      currentReplicas: 3,
      samples: resourcePods({
        current: 3,
        requestsMilli: oneCore(3),
        levels: [100, 450],
        readiness: [false, true, true],
      }),
      metric: cpu(50),
    },
    desiredReplicas: 3,
    current: 45,
  },
  {
    upstream: 'TestReplicaCalcMissingMetricsHotCpuNoChange',
    input: {
      currentReplicas: 3,
      samples: resourcePods({ current: 3, requestsMilli: oneCore(3), levels: [100, 450], hot: [0] }),
      metric: cpu(50),
    },
    desiredReplicas: 3,
    current: 45,
  },
  {
    upstream: 'TestReplicaCalcMissingMetricsUnreadyScaleUp',
    input: {
      currentReplicas: 3,
      samples: resourcePods({
        current: 3,
        requestsMilli: oneCore(3),
        levels: [100, 2000],
        readiness: [false, true, true],
      }),
      metric: cpu(50),
    },
    desiredReplicas: 4,
    current: 200,
  },
  {
    upstream: 'TestReplicaCalcMissingMetricsHotCpuScaleUp',
    input: {
      currentReplicas: 3,
      samples: resourcePods({
        current: 3,
        requestsMilli: oneCore(3),
        levels: [100, 2000],
        readiness: [false, true, true],
        hot: [0],
      }),
      metric: cpu(50),
    },
    desiredReplicas: 4,
    current: 200,
  },
  {
    upstream: 'TestReplicaCalcMissingMetricsUnreadyScaleDown',
    input: {
      currentReplicas: 4,
      samples: resourcePods({
        current: 4,
        requestsMilli: oneCore(4),
        levels: [100, 100, 100],
        readiness: [false, true, true, true],
      }),
      metric: cpu(50),
    },
    desiredReplicas: 3,
    current: 10,
  },
  {
    upstream: 'TestReplicaCalcMissingMetricsScaleDownTargetOver100',
    input: {
      currentReplicas: 4,
      samples: resourcePods({
        current: 4,
        requestsMilli: [1000, 1000, 2000, 2000],
        levels: [200, 100, 100],
        readiness: [false, true, true, true],
      }),
      metric: cpu(300),
    },
    desiredReplicas: 2,
    current: 6,
  },
  {
    upstream: 'TestReplicaCalcDuringRollingUpdateWithMaxSurge',
    input: {
      currentReplicas: 2,
      samples: resourcePods({
        current: 2,
        requestsMilli: oneCore(3),
        levels: [100, 100],
        phases: ['Running', 'Running', 'Running'],
      }),
      metric: cpu(50),
    },
    desiredReplicas: 2,
    current: 10,
  },
  {
    upstream:
      'TestReplicaCalcComputedToleranceAlgImplementation (first run: target int32(100 × (1/(2 × 0.9) + 0.01)) = 56)',
    input: {
      currentReplicas: 10,
      samples: resourcePods({
        current: 10,
        requestsMilli: [400, 200, 310, 290, 302, 298, 301, 299, 300, 300],
        levels: Array.from({ length: 10 }, () => 150),
      }),
      metric: cpu(56),
    },
    desiredReplicas: 9,
    current: 50,
  },
  {
    upstream:
      'TestReplicaCalcComputedToleranceAlgImplementation (second run: target int32(100 × (1/(2 × 0.9) + 0.004)) = 55)',
    input: {
      currentReplicas: 10,
      samples: resourcePods({
        current: 10,
        requestsMilli: [400, 200, 310, 290, 302, 298, 301, 299, 300, 300],
        levels: Array.from({ length: 10 }, () => 150),
      }),
      metric: cpu(55),
    },
    desiredReplicas: 10,
    current: 50,
  },
  {
    upstream: 'TestReplicaCalcDisjointResourcesMetrics (the only metric belongs to no listed pod)',
    input: {
      currentReplicas: 1,
      samples: resourcePods({ current: 1, requestsMilli: [1000], levels: [] }),
      metric: cpu(100),
    },
    error: 'did not receive metrics',
  },
  {
    upstream: 'TestReplicaCalcEmptyMetrics',
    input: {
      currentReplicas: 4,
      samples: resourcePods({ current: 4, requestsMilli: oneCore(3), levels: [] }),
      metric: cpu(100),
    },
    error: 'did not receive metrics',
  },
  {
    upstream: 'TestReplicaCalcEmptyCPURequest',
    input: {
      currentReplicas: 1,
      samples: resourcePods({ current: 1, requestsMilli: [], levels: [200] }),
      metric: cpu(100),
    },
    error: 'missing request for',
  },
];

const podsMetricRows: Row[] = [
  {
    upstream: 'TestReplicaCalcScaleUpCM',
    input: {
      currentReplicas: 3,
      samples: customMetricPods({ current: 3, levels: [20000, 10000, 30000] }),
      metric: qps(15000),
    },
    desiredReplicas: 4,
    current: 20000,
  },
  {
    upstream: 'TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale',
    input: {
      currentReplicas: 3,
      samples: customMetricPods({
        current: 3,
        levels: [50000, 10000, 30000],
        readiness: [true, true, false],
        hot: [2],
      }),
      metric: qps(15000),
    },
    desiredReplicas: 6,
    current: 30000,
  },
  {
    upstream: 'TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown',
    input: {
      currentReplicas: 3,
      samples: customMetricPods({
        current: 3,
        levels: [50000, 15000, 30000],
        readiness: [false, true, false],
        hot: [0, 2],
      }),
      metric: qps(15000),
    },
    desiredReplicas: 7,
    current: 31666,
  },
  {
    upstream: 'TestReplicaCalcScaleDownCM',
    input: {
      currentReplicas: 5,
      samples: customMetricPods({ current: 5, levels: [12000, 12000, 12000, 12000, 12000] }),
      metric: qps(20000),
    },
    desiredReplicas: 3,
    current: 12000,
  },
  {
    upstream: 'TestReplicaCalcToleranceCM',
    input: {
      currentReplicas: 3,
      samples: customMetricPods({ current: 3, levels: [20000, 21000, 21000] }),
      metric: qps(20000),
    },
    desiredReplicas: 3,
    current: 20666,
  },
  {
    upstream: 'TestReplicaCalcConfigurableToleranceCM (scale-up tolerance 1%)',
    input: {
      currentReplicas: 3,
      samples: customMetricPods({ current: 3, levels: [20000, 21000, 21000] }),
      metric: qps(20000),
      tolerance: 0.01,
    },
    desiredReplicas: 4,
    current: 20666,
  },
  {
    upstream: 'TestPlainMetricReplicaCalcMissingMetricsNoChangeEq',
    input: {
      currentReplicas: 5,
      samples: customMetricPods({ current: 5, levels: [20000, 19000, 21000] }),
      metric: qps(20000),
    },
    desiredReplicas: 5,
    current: 20000,
  },
  {
    upstream: 'TestReplicaCalcDuringRollingUpdateWithMaxSurgeCM',
    input: {
      currentReplicas: 2,
      samples: customMetricPods({
        current: 2,
        levels: [10000, 10000],
        phases: ['Running', 'Running', 'Running'],
      }),
      metric: qps(17000),
    },
    desiredReplicas: 2,
    current: 10000,
  },
];

const objectValue = (
  type: 'Object' | 'External',
  valueMilli: number,
  targetValueMilli: number,
): MetricTarget => ({ type, valueMilli, targetValueMilli });
const objectAverage = (
  type: 'Object' | 'External',
  valueMilli: number,
  targetAverageValueMilli: number,
): MetricTarget => ({
  type,
  valueMilli,
  targetAverageValueMilli,
});

const objectRows: Row[] = [
  {
    upstream: 'TestReplicaCalcScaleUpCMObject',
    input: {
      currentReplicas: 3,
      samples: plainPods({ current: 3 }),
      metric: objectValue('Object', 20000, 15000),
    },
    desiredReplicas: 4,
    current: 20000,
  },
  {
    upstream: 'TestReplicaCalcScaleUpCMPerPodObject',
    input: {
      currentReplicas: 3,
      samples: plainPods({ current: 3 }),
      metric: objectAverage('Object', 20000, 5000),
    },
    desiredReplicas: 4,
    current: 6667,
  },
  {
    upstream: 'TestReplicaCalcScaleUpCMObjectIgnoresUnreadyPods',
    input: {
      currentReplicas: 3,
      samples: plainPods({ current: 3, readiness: [false, true, false] }),
      metric: objectValue('Object', 50000, 10000),
    },
    desiredReplicas: 5,
    current: 50000,
  },
  {
    upstream: 'TestReplicaCalcScaleUpCMExternalIgnoresUnreadyPods',
    input: {
      currentReplicas: 3,
      samples: plainPods({ current: 3, readiness: [false, true, false] }),
      metric: objectValue('External', 8600, 4400),
    },
    desiredReplicas: 2,
    current: 8600,
  },
  {
    upstream: 'TestReplicaCalcScaleUpPerPodCMExternal',
    input: {
      currentReplicas: 3,
      samples: plainPods({ current: 3 }),
      metric: objectAverage('External', 8600, 2150),
    },
    desiredReplicas: 4,
    current: 2867,
  },
  {
    upstream: 'TestReplicaCalcScaleDownPerPodCMObject',
    input: {
      currentReplicas: 5,
      samples: plainPods({ current: 5 }),
      metric: objectAverage('Object', 6000, 2000),
    },
    desiredReplicas: 3,
    current: 1200,
  },
  {
    upstream: 'TestReplicaCalcScaleDownCMObject',
    input: {
      currentReplicas: 5,
      samples: plainPods({ current: 5 }),
      metric: objectValue('Object', 12000, 20000),
    },
    desiredReplicas: 3,
    current: 12000,
  },
  {
    upstream: 'TestReplicaCalcScaleDownCMExternal',
    input: {
      currentReplicas: 5,
      samples: plainPods({ current: 5 }),
      metric: objectValue('External', 8600, 14334),
    },
    desiredReplicas: 3,
    current: 8600,
  },
  {
    upstream: 'TestReplicaCalcScaleDownPerPodCMExternal',
    input: {
      currentReplicas: 5,
      samples: plainPods({ current: 5 }),
      metric: objectAverage('External', 8600, 2867),
    },
    desiredReplicas: 3,
    current: 1720,
  },
  {
    upstream: 'TestReplicaCalcToleranceCMObject',
    input: {
      currentReplicas: 3,
      samples: plainPods({ current: 3 }),
      metric: objectValue('Object', 20666, 20000),
    },
    desiredReplicas: 3,
    current: 20666,
  },
  {
    upstream: 'TestReplicaCalcTolerancePerPodCMObject',
    input: {
      currentReplicas: 4,
      samples: plainPods({ current: 4 }),
      metric: objectAverage('Object', 20166, 5000),
    },
    desiredReplicas: 4,
    current: 5042,
  },
  {
    upstream: 'TestReplicaCalcToleranceCMExternal',
    input: {
      currentReplicas: 3,
      samples: plainPods({ current: 3 }),
      metric: objectValue('External', 8600, 8888),
    },
    desiredReplicas: 3,
    current: 8600,
  },
  {
    upstream: 'TestReplicaCalcTolerancePerPodCMExternal',
    input: {
      currentReplicas: 3,
      samples: plainPods({ current: 3 }),
      metric: objectAverage('External', 8600, 2900),
    },
    desiredReplicas: 3,
    current: 2867,
  },
  {
    upstream: 'TestReplicaCalcConfigurableToleranceCMObject (scale-up tolerance 1%)',
    input: {
      currentReplicas: 3,
      samples: plainPods({ current: 3 }),
      metric: objectValue('Object', 20666, 20000),
      tolerance: 0.01,
    },
    desiredReplicas: 4,
    current: 20666,
  },
  {
    upstream: 'TestReplicaCalcConfigurableTolerancePerPodCMObject (scale-up tolerance 1%)',
    input: {
      currentReplicas: 4,
      samples: plainPods({ current: 4 }),
      metric: objectAverage('Object', 20208, 5000),
      tolerance: 0.01,
    },
    desiredReplicas: 5,
    current: 5052,
  },
  {
    upstream: 'TestReplicaCalcConfigurableToleranceCMExternal (scale-up tolerance 1%)',
    input: {
      currentReplicas: 3,
      samples: plainPods({ current: 3 }),
      metric: objectValue('External', 8900, 8800),
      tolerance: 0.01,
    },
    desiredReplicas: 4,
    current: 8900,
  },
  {
    upstream: 'TestReplicaCalcConfigurableTolerancePerPodCMExternal (scale-up tolerance 1%)',
    input: {
      currentReplicas: 3,
      samples: plainPods({ current: 3 }),
      metric: objectAverage('External', 8600, 2800),
      tolerance: 0.01,
    },
    desiredReplicas: 4,
    current: 2867,
  },
  {
    upstream: 'TestReplicaCalcScaleUpOverflow (saturates at MaxInt32)',
    input: {
      currentReplicas: 3,
      samples: plainPods({ current: 3 }),
      metric: objectValue('Object', MAX_INT64, 1),
    },
    desiredReplicas: MAX_INT32,
    current: MAX_INT64,
  },
  {
    upstream: 'TestExternalPerPodMetricReplicaOverflow',
    input: {
      currentReplicas: 1,
      samples: plainPods({ current: 1 }),
      metric: objectAverage('External', MAX_INT64, 1),
    },
    desiredReplicas: MAX_INT32,
    current: MAX_INT64,
  },
  {
    upstream: 'TestExternalPerPodMetricUsageOverflow',
    input: {
      currentReplicas: 1,
      samples: plainPods({ current: 1 }),
      metric: objectAverage('External', MAX_INT64, MAX_INT64),
    },
    desiredReplicas: 1,
    current: MAX_INT64,
  },
  {
    upstream:
      'TestReplicaCalcExternalMetricUsageOverflow (the summed series saturate at MaxInt64 before they get here)',
    input: {
      currentReplicas: 3,
      samples: plainPods({ current: 3 }),
      metric: objectValue('External', MAX_INT64, MAX_INT64),
    },
    desiredReplicas: 3,
    current: MAX_INT64,
  },
];

function expectRow(row: Row): void {
  const result = calculateReplicas(row.input);
  if (row.error !== undefined) {
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(row.error);
    return;
  }
  expect(result).toEqual({ ok: true, desiredReplicas: row.desiredReplicas, current: row.current });
}

describe('calculateReplicas — upstream replica_calculator_test.go rows', () => {
  it.each(resourceRows.map((row) => [row.upstream, row] as const))('Resource: %s', (_name, row) =>
    expectRow(row),
  );
  it.each(podsMetricRows.map((row) => [row.upstream, row] as const))('Pods: %s', (_name, row) =>
    expectRow(row),
  );
  it.each(objectRows.map((row) => [row.upstream, row] as const))('Object/External: %s', (_name, row) =>
    expectRow(row),
  );

  it('counts the transcribed rows', () => {
    expect(resourceRows.length + podsMetricRows.length + objectRows.length).toBe(65);
  });
});

describe('calculateReplicas — contract details', () => {
  it('memory ignores readiness: an unready pod counts (only CPU looks at readiness)', () => {
    const samples = resourcePods({
      current: 3,
      requestsMilli: oneCore(3),
      levels: [300, 500, 700],
      readiness: [false, true, true],
    });
    const result = calculateReplicas({
      currentReplicas: 3,
      samples,
      metric: { type: 'Resource', resource: 'memory', targetUtilizationPercent: 30 },
    });
    expect(result).toEqual({ ok: true, desiredReplicas: 5, current: 50 });
  });

  it('resource defaults to cpu', () => {
    const samples = resourcePods({
      current: 3,
      requestsMilli: oneCore(3),
      levels: [300, 500, 700],
      readiness: [false, true, true],
    });
    const result = calculateReplicas({
      currentReplicas: 3,
      samples,
      metric: { type: 'Resource', targetUtilizationPercent: 30 },
    });
    expect(result).toEqual({ ok: true, desiredReplicas: 4, current: 60 });
  });

  it('a ratio exactly on the tolerance bound does not scale (1.1 with 0.1)', () => {
    const samples = resourcePods({ current: 2, requestsMilli: oneCore(2), levels: [550, 550] });
    expect(calculateReplicas({ currentReplicas: 2, samples, metric: cpu(50) })).toEqual({
      ok: true,
      desiredReplicas: 2,
      current: 55,
    });
    const justAbove = resourcePods({ current: 2, requestsMilli: oneCore(2), levels: [560, 560] });
    expect(calculateReplicas({ currentReplicas: 2, samples: justAbove, metric: cpu(50) })).toEqual({
      ok: true,
      desiredReplicas: 3,
      current: 56,
    });
  });

  it('an Object value target from zero replicas proposes ceil(ratio): the way back from zero', () => {
    expect(
      calculateReplicas({ currentReplicas: 0, samples: [], metric: objectValue('External', 2500, 1000) }),
    ).toEqual({
      ok: true,
      desiredReplicas: 3,
      current: 2500,
    });
  });

  it('an Object value target needs the pods to count the ready ones', () => {
    const result = calculateReplicas({
      currentReplicas: 2,
      samples: [],
      metric: objectValue('Object', 5000, 1000),
    });
    expect(result).toMatchObject({ ok: false });
  });

  it('an average-value target at zero replicas reports the total as current', () => {
    expect(
      calculateReplicas({ currentReplicas: 0, samples: [], metric: objectAverage('External', 4500, 1000) }),
    ).toEqual({
      ok: true,
      desiredReplicas: 5,
      current: 4500,
    });
  });

  it('no samples at all is an error for per-pod metrics', () => {
    expect(calculateReplicas({ currentReplicas: 3, samples: [], metric: cpu(50) })).toMatchObject({
      ok: false,
    });
    expect(calculateReplicas({ currentReplicas: 3, samples: [], metric: qps(50) })).toMatchObject({
      ok: false,
    });
  });

  it.each([
    ['negative replicas', { currentReplicas: -1, samples: [], metric: cpu(50) }],
    ['fractional replicas', { currentReplicas: 1.5, samples: [], metric: cpu(50) }],
    [
      'NaN usage',
      {
        currentReplicas: 1,
        samples: [
          { phase: 'Running', ready: true, deleting: false, requestMilli: 1, usageMilli: Number.NaN },
        ],
        metric: cpu(50),
      },
    ],
    ['zero target', { currentReplicas: 1, samples: [], metric: qps(0) }],
    ['negative tolerance', { currentReplicas: 1, samples: [], metric: qps(10), tolerance: -0.1 }],
    [
      'both target kinds',
      {
        currentReplicas: 1,
        samples: [],
        metric: { type: 'Object', valueMilli: 1, targetValueMilli: 1, targetAverageValueMilli: 1 },
      },
    ],
    [
      'an unknown metric type',
      { currentReplicas: 1, samples: [], metric: { type: 'Cheddar', targetAverageValueMilli: 1 } },
    ],
  ])('invalid input (%s) is { ok: false, error }', (_name, input) => {
    const result = calculateReplicas(input as unknown as CalculateReplicasInput);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(/invalid input/);
  });
});

const readyCpuPod = (requestMilli: number, usageMilli: number): ReplicaSample => ({
  phase: 'Running',
  ready: true,
  deleting: false,
  requestMilli,
  usageMilli,
});

const readyPodsArbitrary = fc.array(
  fc.record({ request: fc.integer({ min: 1, max: 4000 }), usage: fc.integer({ min: 0, max: 8000 }) }),
  { minLength: 1, maxLength: 12 },
);

describe('calculateReplicas — properties', () => {
  it('more usage never proposes fewer replicas for the same target (ready pods)', () => {
    fc.assert(
      fc.property(
        readyPodsArbitrary,
        fc.integer({ min: 1, max: 200 }),
        fc.nat(11),
        fc.integer({ min: 1, max: 4000 }),
        (pods, target, pick, extra) => {
          const index = pick % pods.length;
          const before = pods.map((p) => readyCpuPod(p.request, p.usage));
          const after = before.map((p, i) =>
            i === index ? { ...p, usageMilli: (p.usageMilli ?? 0) + extra } : p,
          );
          const input = (samples: ReplicaSample[]): CalculateReplicasInput => ({
            currentReplicas: pods.length,
            samples,
            metric: cpu(target),
          });
          const low = calculateReplicas(input(before));
          const high = calculateReplicas(input(after));
          expect(low.ok && high.ok).toBe(true);
          if (low.ok && high.ok) expect(high.desiredReplicas).toBeGreaterThanOrEqual(low.desiredReplicas);
        },
      ),
    );
  });

  it('a higher Pods-metric value never proposes fewer replicas', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 50_000 }),
        fc.nat(11),
        fc.integer({ min: 1, max: 50_000 }),
        (levels, target, pick, extra) => {
          const bumped = levels.map((level, i) => (i === pick % levels.length ? level + extra : level));
          const low = calculateReplicas({
            currentReplicas: levels.length,
            samples: customMetricPods({ current: levels.length, levels }),
            metric: qps(target),
          });
          const high = calculateReplicas({
            currentReplicas: levels.length,
            samples: customMetricPods({ current: levels.length, levels: bumped }),
            metric: qps(target),
          });
          if (low.ok && high.ok) expect(high.desiredReplicas).toBeGreaterThanOrEqual(low.desiredReplicas);
          else expect.unreachable('both succeed');
        },
      ),
    );
  });

  it('any sample mix gives a whole replica count in [0, MaxInt32], or an error', () => {
    const sample = fc.record({
      phase: fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed'),
      ready: fc.boolean(),
      deleting: fc.boolean(),
      cpuInitializing: fc.boolean(),
      requestMilli: fc.option(fc.integer({ min: 0, max: 4000 })),
      usageMilli: fc.option(fc.integer({ min: 0, max: 8000 })),
      valueMilli: fc.option(fc.integer({ min: 0, max: 100_000 })),
    }) as fc.Arbitrary<ReplicaSample>;
    const metric = fc.oneof(
      fc.integer({ min: 1, max: 300 }).map(cpu),
      fc.integer({ min: 1, max: 50_000 }).map(qps),
      fc
        .tuple(fc.integer({ min: 0, max: 10 ** 7 }), fc.integer({ min: 1, max: 10 ** 6 }))
        .map(([v, t]) => objectValue('External', v, t)),
      fc
        .tuple(fc.integer({ min: 0, max: 10 ** 7 }), fc.integer({ min: 1, max: 10 ** 6 }))
        .map(([v, t]) => objectAverage('Object', v, t)),
    );
    fc.assert(
      fc.property(
        fc.array(sample, { maxLength: 10 }),
        fc.nat(20),
        metric,
        (samples, currentReplicas, target) => {
          const result = calculateReplicas({ currentReplicas, samples, metric: target });
          if (!result.ok) return;
          expect(Number.isInteger(result.desiredReplicas)).toBe(true);
          expect(result.desiredReplicas).toBeGreaterThanOrEqual(0);
          expect(result.desiredReplicas).toBeLessThanOrEqual(MAX_INT32);
        },
      ),
    );
  });

  it('within tolerance of the target, the current count stays (ready pods, one request)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 100, max: 300 }),
        fc.integer({ min: -8, max: 8 }),
        (count, target, offsetPercent) => {
          const utilization = Math.round((target * (100 + offsetPercent)) / 100);
          const samples = Array.from({ length: count }, () => readyCpuPod(1000, utilization * 10));
          const result = calculateReplicas({ currentReplicas: count, samples, metric: cpu(target) });
          expect(result).toMatchObject({ ok: true, desiredReplicas: count });
        },
      ),
    );
  });
});
