import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  Behavior,
  CalculateReplicasInput,
  Condition,
  MetricProposal,
  MetricTarget,
  Recommendation,
  ScalingRules,
} from '../../../shared/domain/autoscale';
import { calculateReplicas, decideReplicas } from '../../../shared/domain/autoscale';
import { ValidationError } from '../../../shared/domain/errors';
import type { UpstreamPods } from './support/upstreamPods';
import { customMetricPods, oneCore, plainPods, resourcePods } from './support/upstreamPods';

/**
 * horizontal_test.go reconcile tests, replayed as calculateReplicas (per metric) → decideReplicas.
 *
 * Mapping of the harness:
 * - pods are one per listed CPU request (horizontal_test splits request and usage over two containers,
 *   so per pod they are the listed numbers);
 * - `recommendations: nil` upstream means no history: the controller starts it with the current count,
 *   which decideReplicas does for an empty log (`history: 'none'`). A non-nil empty history (only
 *   possible in tests) is a log whose entries are all older than any window (`history: 'old'`);
 * - expected conditions: AbleToScale/ScalingActive reasons → `reason`, ScalingLimited → `condition`
 *   (statusOk = SucceededRescale + DesiredWithinRange);
 * - the test init raises the legacy scale-up factor from 2 to 8; no row below depends on the difference;
 * - TestScaleUpDeployment/ReplicaSet and the Container* tests repeat TestScaleUp for other targets or a
 *   container metric; they are not repeated here.
 */
type Reason =
  | 'ScalingDisabled'
  | 'FailedComputeMetricsReplicas'
  | 'SucceededRescale'
  | 'ScaleUpStabilized'
  | 'ScaleDownStabilized'
  | 'ReadyForNewScale';

interface Row {
  upstream: string;
  current: number;
  min: number;
  max: number;
  metrics: MetricProposal[];
  behavior?: Behavior;
  history: 'none' | 'old' | Recommendation[];
  expected: number;
  condition?: Condition;
  reason?: Reason;
}

function proposal(name: string, input: CalculateReplicasInput): MetricProposal {
  const result = calculateReplicas(input);
  return result.ok
    ? { name, proposedReplicas: result.desiredReplicas, valid: true }
    : { name, proposedReplicas: null, valid: false };
}

const invalidMetric: MetricProposal = { name: 'CheddarCheese', proposedReplicas: null, valid: false };

const cpuMetric = (
  current: number,
  pods: Omit<UpstreamPods, 'current' | 'containersPerPod' | 'podCount'>,
  target: number,
): MetricProposal =>
  proposal('cpu resource utilization (percentage of request)', {
    currentReplicas: current,
    samples: resourcePods({ ...pods, current, containersPerPod: 1, podCount: pods.requestsMilli?.length }),
    metric: { type: 'Resource', resource: 'cpu', targetUtilizationPercent: target },
  });

const qpsMetric = (current: number, pods: Omit<UpstreamPods, 'current'>, target: number): MetricProposal =>
  proposal('pods metric qps', {
    currentReplicas: current,
    samples: customMetricPods({ ...pods, current }),
    metric: { type: 'Pods', targetAverageValueMilli: target },
  });

const objectMetric = (current: number, metric: MetricTarget): MetricProposal =>
  proposal(`${metric.type} metric qps`, {
    currentReplicas: current,
    samples: plainPods({ current }),
    metric,
  });

const value = (type: 'Object' | 'External', valueMilli: number, targetValueMilli: number): MetricTarget => ({
  type,
  valueMilli,
  targetValueMilli,
});
const average = (
  type: 'Object' | 'External',
  valueMilli: number,
  targetAverageValueMilli: number,
): MetricTarget => ({ type, valueMilli, targetAverageValueMilli });

function generateScalingRules(
  pods: number,
  podsPeriod: number,
  percent: number,
  percentPeriod: number,
  window: number,
): ScalingRules {
  const policies = [];
  if (pods !== 0) policies.push({ type: 'Pods' as const, value: pods, periodSeconds: podsPeriod });
  if (percent !== 0)
    policies.push({ type: 'Percent' as const, value: percent, periodSeconds: percentPeriod });
  return { stabilizationWindowSeconds: window, selectPolicy: 'Max', policies };
}

const cores = (...values: number[]): number[] => values;
const computedToleranceRequests = [400, 200, 310, 290, 302, 298, 301, 299, 300, 300];

const rows: Row[] = [
  {
    upstream: 'TestScaleUp',
    current: 3,
    min: 2,
    max: 6,
    metrics: [cpuMetric(3, { requestsMilli: oneCore(3), levels: [300, 500, 700] }, 30)],
    history: 'none',
    expected: 5,
  },
  {
    upstream: 'TestScaleUpUnreadyLessScale',
    current: 3,
    min: 2,
    max: 6,
    metrics: [
      cpuMetric(
        3,
        { requestsMilli: oneCore(3), levels: [300, 500, 700], readiness: [false, true, true] },
        30,
      ),
    ],
    history: 'none',
    expected: 4,
  },
  {
    upstream: 'TestScaleUpHotCpuLessScale',
    current: 3,
    min: 2,
    max: 6,
    metrics: [cpuMetric(3, { requestsMilli: oneCore(3), levels: [300, 500, 700], hot: [0] }, 30)],
    history: 'none',
    expected: 4,
  },
  {
    upstream: 'TestScaleUpUnreadyNoScale',
    current: 3,
    min: 2,
    max: 6,
    metrics: [
      cpuMetric(
        3,
        { requestsMilli: oneCore(3), levels: [400, 500, 700], readiness: [true, false, false] },
        30,
      ),
    ],
    history: 'none',
    expected: 3,
    reason: 'ReadyForNewScale',
  },
  {
    upstream: 'TestScaleUpHotCpuNoScale',
    current: 3,
    min: 2,
    max: 6,
    metrics: [
      cpuMetric(
        3,
        { requestsMilli: oneCore(3), levels: [400, 500, 700], readiness: [true, false, false], hot: [1, 2] },
        30,
      ),
    ],
    history: 'none',
    expected: 3,
    reason: 'ReadyForNewScale',
  },
  {
    upstream: 'TestScaleUpIgnoresFailedPods',
    current: 2,
    min: 2,
    max: 6,
    metrics: [
      cpuMetric(
        2,
        {
          requestsMilli: oneCore(4),
          levels: [500, 700],
          readiness: [true, true, false, false],
          phases: ['Running', 'Running', 'Failed', 'Failed'],
        },
        30,
      ),
    ],
    history: 'none',
    expected: 4,
  },
  {
    upstream: 'TestScaleUpIgnoresDeletionPods',
    current: 2,
    min: 2,
    max: 6,
    metrics: [
      cpuMetric(
        2,
        {
          requestsMilli: oneCore(4),
          levels: [500, 700],
          readiness: [true, true, false, false],
          deleting: [false, false, true, true],
        },
        30,
      ),
    ],
    history: 'none',
    expected: 4,
  },
  {
    upstream: 'TestScaleUpCM',
    current: 3,
    min: 2,
    max: 6,
    metrics: [qpsMetric(3, { levels: [20000, 10000, 30000] }, 15000)],
    history: 'none',
    expected: 4,
  },
  {
    upstream: 'TestScaleUpCMUnreadyAndHotCpuNoLessScale',
    current: 3,
    min: 2,
    max: 6,
    metrics: [
      qpsMetric(3, { levels: [50000, 10000, 30000], readiness: [true, true, false], hot: [2] }, 15000),
    ],
    history: 'none',
    expected: 6,
    condition: 'DesiredWithinRange',
  },
  {
    upstream: 'TestScaleUpCMUnreadyandCpuHot',
    current: 3,
    min: 2,
    max: 6,
    metrics: [
      qpsMetric(3, { levels: [50000, 15000, 30000], readiness: [false, true, false], hot: [0, 2] }, 15000),
    ],
    history: 'none',
    expected: 6,
    condition: 'TooManyReplicas',
  },
  {
    upstream: 'TestScaleUpHotCpuNoScaleWouldScaleDown',
    current: 3,
    min: 2,
    max: 6,
    metrics: [qpsMetric(3, { levels: [50000, 15000, 30000], hot: [0, 2] }, 15000)],
    history: 'none',
    expected: 6,
    condition: 'TooManyReplicas',
  },
  {
    upstream: 'TestScaleUpCMObject',
    current: 3,
    min: 2,
    max: 6,
    metrics: [objectMetric(3, value('Object', 20000, 15000))],
    history: 'none',
    expected: 4,
  },
  {
    upstream: 'TestScaleUpFromZeroCMObject',
    current: 0,
    min: 0,
    max: 6,
    metrics: [objectMetric(0, value('Object', 20000, 15000))],
    history: 'none',
    expected: 2,
  },
  {
    upstream: 'TestScaleUpFromZeroIgnoresToleranceCMObject',
    current: 0,
    min: 0,
    max: 6,
    metrics: [objectMetric(0, value('Object', 1000, 1000))],
    history: 'none',
    expected: 1,
  },
  {
    upstream: 'TestScaleUpPerPodCMObject',
    current: 3,
    min: 2,
    max: 6,
    metrics: [objectMetric(3, average('Object', 40000, 10000))],
    history: 'none',
    expected: 4,
  },
  {
    upstream: 'TestScaleUpCMExternal',
    current: 3,
    min: 2,
    max: 6,
    metrics: [objectMetric(3, value('External', 8600, 6666))],
    history: 'none',
    expected: 4,
  },
  {
    upstream: 'TestScaleUpPerPodCMExternal',
    current: 3,
    min: 2,
    max: 6,
    metrics: [objectMetric(3, average('External', 8600, 2222))],
    history: 'none',
    expected: 4,
  },
  {
    upstream: 'TestScaleDown',
    current: 5,
    min: 2,
    max: 6,
    metrics: [cpuMetric(5, { requestsMilli: oneCore(5), levels: [100, 300, 500, 250, 250] }, 50)],
    history: 'old',
    expected: 3,
  },
  {
    upstream: 'TestScaleDownWithScalingRules',
    current: 5,
    min: 2,
    max: 6,
    metrics: [cpuMetric(5, { requestsMilli: oneCore(5), levels: [100, 300, 500, 250, 250] }, 50)],
    behavior: { scaleUp: generateScalingRules(0, 0, 100, 15, 30) },
    history: 'old',
    expected: 3,
  },
  {
    upstream: 'TestScaleUpOneMetricInvalid',
    current: 3,
    min: 2,
    max: 6,
    metrics: [cpuMetric(3, { requestsMilli: oneCore(3), levels: [300, 400, 500] }, 30), invalidMetric],
    history: 'none',
    expected: 4,
  },
  {
    upstream: 'TestScaleUpFromZeroOneMetricInvalid',
    current: 0,
    min: 0,
    max: 6,
    metrics: [cpuMetric(0, { requestsMilli: oneCore(3), levels: [300, 400, 500] }, 30), invalidMetric],
    history: 'old',
    expected: 4,
  },
  {
    upstream: 'TestScaleUpBothMetricsEmpty',
    current: 3,
    min: 2,
    max: 6,
    metrics: [invalidMetric],
    history: 'none',
    expected: 3,
    reason: 'FailedComputeMetricsReplicas',
  },
  {
    upstream: 'TestScaleDownStabilizeInitialSize',
    current: 5,
    min: 2,
    max: 6,
    metrics: [cpuMetric(5, { requestsMilli: oneCore(5), levels: [100, 300, 500, 250, 250] }, 50)],
    history: 'none',
    expected: 5,
    reason: 'ScaleDownStabilized',
  },
  {
    upstream: 'TestScaleDownCM',
    current: 5,
    min: 2,
    max: 6,
    metrics: [qpsMetric(5, { levels: [12000, 12000, 12000, 12000, 12000] }, 20000)],
    history: 'old',
    expected: 3,
  },
  {
    upstream: 'TestScaleDownCMObject',
    current: 5,
    min: 2,
    max: 6,
    metrics: [objectMetric(5, value('Object', 12000, 20000))],
    history: 'old',
    expected: 3,
  },
  {
    upstream: 'TestScaleDownToZeroCMObject',
    current: 5,
    min: 0,
    max: 6,
    metrics: [objectMetric(5, value('Object', 0, 20000))],
    history: 'old',
    expected: 0,
  },
  {
    upstream: 'TestScaleDownPerPodCMObject',
    current: 5,
    min: 2,
    max: 6,
    metrics: [objectMetric(5, average('Object', 60000, 20000))],
    history: 'old',
    expected: 3,
  },
  {
    upstream: 'TestScaleDownCMExternal',
    current: 5,
    min: 2,
    max: 6,
    metrics: [objectMetric(5, value('External', 8600, 14400))],
    history: 'old',
    expected: 3,
  },
  {
    upstream: 'TestScaleDownToZeroCMExternal',
    current: 5,
    min: 0,
    max: 6,
    metrics: [objectMetric(5, value('External', 0, 14400))],
    history: 'old',
    expected: 0,
  },
  {
    upstream: 'TestScaleDownPerPodCMExternal',
    current: 5,
    min: 2,
    max: 6,
    metrics: [objectMetric(5, average('External', 8600, 3000))],
    history: 'old',
    expected: 3,
  },
  {
    upstream: 'TestScaleDownIncludeUnreadyPods',
    current: 5,
    min: 2,
    max: 6,
    metrics: [
      cpuMetric(
        5,
        {
          requestsMilli: oneCore(5),
          levels: [100, 300, 500, 250, 250],
          readiness: [true, true, true, false, false],
        },
        50,
      ),
    ],
    history: 'old',
    expected: 2,
  },
  {
    upstream: 'TestScaleDownIgnoreHotCpuPods',
    current: 5,
    min: 2,
    max: 6,
    metrics: [
      cpuMetric(5, { requestsMilli: oneCore(5), levels: [100, 300, 500, 250, 250], hot: [3, 4] }, 50),
    ],
    history: 'old',
    expected: 2,
  },
  {
    upstream: 'TestScaleDownIgnoresFailedPods',
    current: 5,
    min: 2,
    max: 6,
    metrics: [
      cpuMetric(
        5,
        {
          requestsMilli: oneCore(7),
          levels: [100, 300, 500, 250, 250],
          readiness: [true, true, true, true, true, false, false],
          phases: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'],
        },
        50,
      ),
    ],
    history: 'old',
    expected: 3,
  },
  {
    upstream: 'TestScaleDownIgnoresDeletionPods',
    current: 5,
    min: 2,
    max: 6,
    metrics: [
      cpuMetric(
        5,
        {
          requestsMilli: oneCore(7),
          levels: [100, 300, 500, 250, 250],
          readiness: [true, true, true, true, true, false, false],
          deleting: [false, false, false, false, false, true, true],
        },
        50,
      ),
    ],
    history: 'old',
    expected: 3,
  },
  {
    upstream: 'TestTolerance',
    current: 3,
    min: 1,
    max: 5,
    metrics: [cpuMetric(3, { requestsMilli: cores(900, 1000, 1100), levels: [1010, 1030, 1020] }, 100)],
    history: 'none',
    expected: 3,
    reason: 'ReadyForNewScale',
  },
  {
    upstream: 'TestToleranceCM',
    current: 3,
    min: 1,
    max: 5,
    metrics: [qpsMetric(3, { levels: [20000, 20001, 21000] }, 20000)],
    history: 'none',
    expected: 3,
    reason: 'ReadyForNewScale',
  },
  {
    upstream: 'TestToleranceCMObject',
    current: 3,
    min: 1,
    max: 5,
    metrics: [objectMetric(3, value('Object', 20050, 20000))],
    history: 'none',
    expected: 3,
    reason: 'ReadyForNewScale',
  },
  {
    upstream: 'TestToleranceCMExternal',
    current: 4,
    min: 2,
    max: 6,
    metrics: [objectMetric(4, value('External', 8600, 8666))],
    history: 'none',
    expected: 4,
    reason: 'ReadyForNewScale',
  },
  {
    upstream: 'TestTolerancePerPodCMObject',
    current: 4,
    min: 2,
    max: 6,
    metrics: [objectMetric(4, average('Object', 8600, 2200))],
    history: 'none',
    expected: 4,
    reason: 'ReadyForNewScale',
  },
  {
    upstream: 'TestTolerancePerPodCMExternal',
    current: 4,
    min: 2,
    max: 6,
    metrics: [objectMetric(4, average('External', 8600, 2200))],
    history: 'none',
    expected: 4,
    reason: 'ReadyForNewScale',
  },
  {
    upstream: 'TestMinReplicas',
    current: 3,
    min: 2,
    max: 5,
    metrics: [cpuMetric(3, { requestsMilli: cores(900, 1000, 1100), levels: [10, 95, 10] }, 90)],
    history: 'old',
    expected: 2,
    condition: 'TooFewReplicas',
  },
  {
    upstream: 'TestZeroMinReplicasDesiredZero',
    current: 3,
    min: 0,
    max: 5,
    metrics: [cpuMetric(3, { requestsMilli: cores(900, 1000, 1100), levels: [0, 0, 0] }, 90)],
    history: 'old',
    expected: 0,
    condition: 'DesiredWithinRange',
  },
  {
    upstream: 'TestMinReplicasDesiredZero',
    current: 3,
    min: 2,
    max: 5,
    metrics: [cpuMetric(3, { requestsMilli: cores(900, 1000, 1100), levels: [0, 0, 0] }, 90)],
    history: 'old',
    expected: 2,
    condition: 'TooFewReplicas',
  },
  {
    upstream: 'TestZeroReplicas',
    current: 0,
    min: 3,
    max: 5,
    metrics: [cpuMetric(0, { requestsMilli: [], levels: [] }, 90)],
    history: 'none',
    expected: 0,
    reason: 'ScalingDisabled',
  },
  {
    upstream: 'TestTooFewReplicas',
    current: 2,
    min: 3,
    max: 5,
    metrics: [],
    history: 'none',
    expected: 3,
    reason: 'SucceededRescale',
  },
  {
    upstream: 'TestTooManyReplicas',
    current: 10,
    min: 3,
    max: 5,
    metrics: [],
    history: 'none',
    expected: 5,
    reason: 'SucceededRescale',
  },
  {
    upstream: 'TestMaxReplicas',
    current: 3,
    min: 2,
    max: 5,
    metrics: [cpuMetric(3, { requestsMilli: cores(900, 1000, 1100), levels: [8000, 9500, 1000] }, 90)],
    history: 'none',
    expected: 5,
    condition: 'TooManyReplicas',
  },
  {
    upstream: 'TestSuperfluousMetrics (the two metrics of unknown pods left out)',
    current: 4,
    min: 2,
    max: 6,
    metrics: [cpuMetric(4, { requestsMilli: oneCore(4), levels: [4000, 9500, 3000, 7000] }, 100)],
    history: 'none',
    expected: 6,
    condition: 'TooManyReplicas',
  },
  {
    upstream: 'TestMissingMetrics',
    current: 4,
    min: 2,
    max: 6,
    metrics: [cpuMetric(4, { requestsMilli: oneCore(4), levels: [400, 95] }, 100)],
    history: 'old',
    expected: 3,
  },
  {
    upstream: 'TestEmptyMetrics',
    current: 4,
    min: 2,
    max: 6,
    metrics: [cpuMetric(4, { requestsMilli: oneCore(4), levels: [] }, 100)],
    history: 'none',
    expected: 4,
    reason: 'FailedComputeMetricsReplicas',
  },
  {
    upstream: 'TestEmptyCPURequest',
    current: 1,
    min: 1,
    max: 5,
    metrics: [
      proposal('cpu', {
        currentReplicas: 1,
        samples: resourcePods({ current: 1, levels: [200], containersPerPod: 1 }),
        metric: { type: 'Resource', targetUtilizationPercent: 100 },
      }),
    ],
    history: 'none',
    expected: 1,
    reason: 'FailedComputeMetricsReplicas',
  },
  {
    upstream: 'TestEventCreated',
    current: 1,
    min: 1,
    max: 5,
    metrics: [cpuMetric(1, { requestsMilli: [200], levels: [200] }, 50)],
    history: 'none',
    expected: 2,
  },
  {
    upstream: 'TestEventNotCreated',
    current: 2,
    min: 1,
    max: 5,
    metrics: [cpuMetric(2, { requestsMilli: [400, 400], levels: [200, 200] }, 50)],
    history: 'none',
    expected: 2,
    reason: 'ReadyForNewScale',
  },
  {
    upstream: 'TestMissingReports',
    current: 4,
    min: 1,
    max: 5,
    metrics: [cpuMetric(4, { requestsMilli: [200], levels: [200] }, 50)],
    history: 'old',
    expected: 2,
  },
  {
    upstream: 'TestUpscaleCap',
    current: 3,
    min: 1,
    max: 100,
    metrics: [cpuMetric(3, { requestsMilli: cores(100, 100, 100), levels: [100, 200, 300] }, 10)],
    behavior: { scaleUp: generateScalingRules(0, 0, 700, 60, 0) },
    history: 'none',
    expected: 24,
    condition: 'ScaleUpLimit',
  },
  {
    upstream: 'TestUpscaleCapGreaterThanMaxReplicas',
    current: 3,
    min: 1,
    max: 20,
    metrics: [cpuMetric(3, { requestsMilli: cores(100, 100, 100), levels: [100, 200, 300] }, 10)],
    behavior: { scaleUp: generateScalingRules(0, 0, 700, 60, 0) },
    history: 'none',
    expected: 20,
    condition: 'TooManyReplicas',
  },
  {
    upstream: 'TestMoreReplicasThanSpecNoScale (spec 4, five pods during a surge)',
    current: 4,
    min: 1,
    max: 8,
    metrics: [cpuMetric(4, { requestsMilli: oneCore(5), levels: [500, 500, 500, 500, 500] }, 50)],
    history: 'none',
    expected: 4,
    reason: 'ReadyForNewScale',
  },
  {
    upstream: 'TestStabilizeDownscale',
    current: 4,
    min: 1,
    max: 5,
    metrics: [cpuMetric(4, { requestsMilli: cores(100, 100, 100), levels: [50, 50, 50] }, 100)],
    history: [
      { replicas: 10, ageSeconds: 600 },
      { replicas: 4, ageSeconds: 60 },
    ],
    expected: 4,
    reason: 'ScaleDownStabilized',
  },
  {
    upstream: 'TestComputedToleranceAlgImplementation (tc1)',
    current: 10,
    min: 0,
    max: 1000,
    metrics: [
      cpuMetric(
        10,
        { requestsMilli: computedToleranceRequests, levels: Array.from({ length: 10 }, () => 150) },
        56,
      ),
    ],
    history: 'old',
    expected: 9,
  },
  {
    upstream: 'TestComputedToleranceAlgImplementation (tc2)',
    current: 10,
    min: 0,
    max: 1000,
    metrics: [
      cpuMetric(
        10,
        { requestsMilli: computedToleranceRequests, levels: Array.from({ length: 10 }, () => 150) },
        55,
      ),
    ],
    history: 'old',
    expected: 10,
    reason: 'ReadyForNewScale',
  },
  {
    upstream: 'TestScaleUpOneMetricEmpty',
    current: 3,
    min: 2,
    max: 6,
    metrics: [
      cpuMetric(3, { requestsMilli: oneCore(3), levels: [300, 400, 500] }, 30),
      { name: 'external metric qps', proposedReplicas: null, valid: false },
    ],
    history: 'none',
    expected: 4,
  },
  {
    upstream: 'TestNoScaleDownOneMetricInvalid',
    current: 5,
    min: 2,
    max: 6,
    metrics: [
      cpuMetric(5, { requestsMilli: oneCore(5), levels: [100, 300, 500, 250, 250] }, 50),
      invalidMetric,
    ],
    history: 'old',
    expected: 5,
    reason: 'FailedComputeMetricsReplicas',
  },
  {
    upstream: 'TestNoScaleDownOneMetricEmpty',
    current: 5,
    min: 2,
    max: 6,
    metrics: [
      cpuMetric(5, { requestsMilli: oneCore(5), levels: [100, 300, 500, 250, 250] }, 50),
      { name: 'external metric qps', proposedReplicas: null, valid: false },
    ],
    history: 'old',
    expected: 5,
    reason: 'FailedComputeMetricsReplicas',
  },
  {
    upstream: 'TestNoBackoffUpscaleCM',
    current: 3,
    min: 1,
    max: 5,
    metrics: [qpsMetric(3, { levels: [20000, 10000, 30000] }, 15000)],
    history: 'none',
    expected: 4,
  },
  {
    upstream: 'TestNoBackoffUpscaleCMNoBackoffCpu',
    current: 3,
    min: 1,
    max: 5,
    metrics: [
      cpuMetric(3, { requestsMilli: oneCore(3), levels: [20000, 10000, 30000] }, 10),
      qpsMetric(3, { levels: [20000, 10000, 30000] }, 15000),
    ],
    history: 'none',
    expected: 5,
    condition: 'TooManyReplicas',
  },
];

function historyOf(row: Row): Recommendation[] {
  if (row.history === 'none') return [];
  if (row.history === 'old') return [{ replicas: row.current, ageSeconds: 86_400 }];
  return row.history;
}

describe('decideReplicas — upstream horizontal_test.go reconcile rows', () => {
  it('has 65 rows', () => expect(rows).toHaveLength(65));

  it.each(rows.map((row) => [row.upstream, row] as const))('%s', (_name, row) => {
    const decision = decideReplicas({
      currentReplicas: row.current,
      minReplicas: row.min,
      maxReplicas: row.max,
      metrics: row.metrics,
      behavior: row.behavior ?? null,
      recommendations: historyOf(row),
    });
    expect(decision.desiredReplicas).toBe(row.expected);
    expect(decision.reason).toBe(
      row.reason ?? (row.expected === row.current ? 'ReadyForNewScale' : 'SucceededRescale'),
    );
    if (row.condition !== undefined) expect(decision.condition).toBe(row.condition);
  });
});

describe('decideReplicas — contract details', () => {
  const cpuAt = (proposedReplicas: number): MetricProposal => ({
    name: 'cpu',
    proposedReplicas,
    valid: true,
  });

  it('TestStabilizeDownscale: the log afterwards replaces the obsolete entry with the new recommendation', () => {
    const decision = decideReplicas({
      currentReplicas: 4,
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [cpuAt(2)],
      behavior: null,
      recommendations: [
        { replicas: 10, ageSeconds: 600 },
        { replicas: 4, ageSeconds: 60 },
      ],
    });
    expect(decision.recommendations).toEqual([
      { replicas: 2, ageSeconds: 0 },
      { replicas: 4, ageSeconds: 60 },
    ]);
  });

  it('a fresh autoscaler starts its log with the current count (and so does not scale down at once)', () => {
    const decision = decideReplicas({
      currentReplicas: 6,
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [cpuAt(2)],
      behavior: {},
      recommendations: [],
    });
    expect(decision).toEqual({
      desiredReplicas: 6,
      condition: 'DesiredWithinRange',
      reason: 'ScaleDownStabilized',
      recommendations: [
        { replicas: 6, ageSeconds: 0 },
        { replicas: 2, ageSeconds: 0 },
      ],
    });
  });

  it('with behavior, the scale-down window falls back to the controller flag when unset', () => {
    const input = {
      currentReplicas: 6,
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [cpuAt(2)],
      behavior: { scaleDown: { policies: [{ type: 'Pods' as const, value: 10, periodSeconds: 60 }] } },
      recommendations: [{ replicas: 6, ageSeconds: 120 }],
    };
    expect(decideReplicas(input).desiredReplicas).toBe(6);
    expect(decideReplicas({ ...input, downscaleStabilizationWindowSeconds: 60 }).desiredReplicas).toBe(2);
  });

  it('picks the highest valid proposal and tolerates an invalid metric on the way up', () => {
    const decision = decideReplicas({
      currentReplicas: 3,
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [cpuAt(4), { name: 'qps', proposedReplicas: 7, valid: true }, invalidMetric],
      behavior: {},
      recommendations: [{ replicas: 3, ageSeconds: 900 }],
    });
    expect(decision).toMatchObject({
      desiredReplicas: 7,
      condition: 'DesiredWithinRange',
      reason: 'SucceededRescale',
    });
  });

  it('no metrics at all: nothing to act on', () => {
    expect(
      decideReplicas({
        currentReplicas: 3,
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [],
        behavior: null,
        recommendations: [],
      }),
    ).toMatchObject({
      desiredReplicas: 3,
      reason: 'FailedComputeMetricsReplicas',
    });
  });

  it.each([
    ['min above max', { minReplicas: 5, maxReplicas: 3 }],
    ['a negative count', { currentReplicas: -2 }],
    ['a fractional proposal', { metrics: [{ name: 'cpu', proposedReplicas: 1.5, valid: true }] }],
    ['max 0', { minReplicas: 0, maxReplicas: 0 }],
  ])('throws a ValidationError on %s', (_name, override) => {
    const input = {
      currentReplicas: 3,
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [cpuAt(4)],
      behavior: null,
      recommendations: [],
      ...override,
    };
    expect(() => decideReplicas(input as Parameters<typeof decideReplicas>[0])).toThrow(ValidationError);
  });
});

const scalingRulesArbitrary: fc.Arbitrary<ScalingRules | null> = fc.option(
  fc.record(
    {
      stabilizationWindowSeconds: fc.option(fc.constantFrom(0, 15, 60, 300)),
      selectPolicy: fc.constantFrom('Max' as const, 'Min' as const, 'Disabled' as const),
      policies: fc.array(
        fc.record({
          type: fc.constantFrom('Pods' as const, 'Percent' as const),
          value: fc.integer({ min: 1, max: 200 }),
          periodSeconds: fc.constantFrom(15, 60),
        }),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: [] },
  ),
);

describe('decideReplicas — properties', () => {
  const arbitraryInput = fc
    .record({
      min: fc.nat(20),
      spread: fc.nat(80),
      offset: fc.nat(100),
      proposals: fc.array(
        fc.record({ name: fc.constant('m'), proposedReplicas: fc.option(fc.nat(500)), valid: fc.boolean() }),
        { maxLength: 4 },
      ),
      legacy: fc.boolean(),
      scaleUp: scalingRulesArbitrary,
      scaleDown: scalingRulesArbitrary,
      log: fc.array(fc.record({ replicas: fc.nat(150), ageSeconds: fc.nat(900) }), { maxLength: 6 }),
    })
    .map((r) => ({
      currentReplicas: Math.max(1, r.min + (r.offset % (r.spread + 1))),
      minReplicas: r.min,
      maxReplicas: Math.max(1, r.min + r.spread),
      metrics: r.proposals,
      behavior: r.legacy ? null : { scaleUp: r.scaleUp, scaleDown: r.scaleDown },
      recommendations: r.log,
    }));

  it('from a count within [min, max], the decision stays within [min, max]', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const { desiredReplicas } = decideReplicas(input);
        expect(desiredReplicas).toBeGreaterThanOrEqual(input.minReplicas);
        expect(desiredReplicas).toBeLessThanOrEqual(input.maxReplicas);
      }),
    );
  });

  it('an invalid metric never lets the count go down', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        fc.pre(input.metrics.some((metric) => !metric.valid || metric.proposedReplicas === null));
        expect(decideReplicas(input).desiredReplicas).toBeGreaterThanOrEqual(input.currentReplicas);
      }),
    );
  });

  it('with behavior, never moves against every proposal (the legacy window may: it keeps recent higher recommendations)', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        fc.pre(input.behavior !== null);
        const valid = input.metrics
          .filter((m) => m.valid && m.proposedReplicas !== null)
          .map((m) => m.proposedReplicas as number);
        fc.pre(valid.length > 0);
        const { desiredReplicas } = decideReplicas(input);
        if (Math.max(...valid) <= input.currentReplicas)
          expect(desiredReplicas).toBeLessThanOrEqual(input.currentReplicas);
        if (Math.max(...valid) >= input.currentReplicas)
          expect(desiredReplicas).toBeGreaterThanOrEqual(input.currentReplicas);
      }),
    );
  });
});
