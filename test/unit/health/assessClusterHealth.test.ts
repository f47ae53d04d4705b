import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessClusterHealth,
  DEFAULT_HEALTH_THRESHOLDS,
  healthRank,
  type ClusterObservation,
  type HealthReasonCode,
  type HealthStatus,
  type PoolObservation,
} from '../../../shared/domain/health';

const pool = (overrides: Partial<PoolObservation> = {}): PoolObservation => ({
  name: 'system',
  nodeCount: 3,
  readyNodes: 3,
  cpu: { average: 40, maximum: 60 },
  memory: { average: 50, maximum: 60 },
  ...overrides,
});

const healthy = (overrides: Partial<ClusterObservation> = {}): ClusterObservation => ({
  provisioningState: 'Succeeded',
  powerState: 'Running',
  pools: [pool()],
  metrics: { observed: true },
  workload: { observed: { pendingPods: 0, failedPods: 0, restartingContainers: 0 } },
  warningEvents: { observed: [] },
  controlPlaneErrors: { observed: [] },
  ...overrides,
});

const cases: { name: string; observation: ClusterObservation; status: HealthStatus; codes: HealthReasonCode[] }[] = [
  { name: 'all quiet', observation: healthy(), status: 'Healthy', codes: [] },
  { name: 'no logs configured: judged on metrics', observation: healthy({ workload: undefined, warningEvents: undefined, controlPlaneErrors: undefined }), status: 'Healthy', codes: [] },
  { name: 'CPU average at the Degraded line', observation: healthy({ pools: [pool({ cpu: { average: 80, maximum: 90 } })] }), status: 'Degraded', codes: ['CpuPressure'] },
  { name: 'CPU average at the Unhealthy line', observation: healthy({ pools: [pool({ cpu: { average: 95, maximum: 100 } })] }), status: 'Unhealthy', codes: ['CpuPressure'] },
  { name: 'one node pegged, average fine', observation: healthy({ pools: [pool({ cpu: { average: 50, maximum: 98 } })] }), status: 'Degraded', codes: ['CpuPressure'] },
  { name: 'memory average high', observation: healthy({ pools: [pool({ memory: { average: 86, maximum: 90 } })] }), status: 'Degraded', codes: ['MemoryPressure'] },
  { name: 'a node not ready', observation: healthy({ pools: [pool({ readyNodes: 2 })] }), status: 'Degraded', codes: ['NodesNotReady'] },
  { name: 'no node ready', observation: healthy({ pools: [pool({ readyNodes: 0, cpu: undefined, memory: undefined })] }), status: 'Unhealthy', codes: ['NoReadyNodes'] },
  { name: 'a pool scaled to zero is fine', observation: healthy({ pools: [pool(), pool({ name: 'batch', nodeCount: 0, readyNodes: 0, cpu: undefined, memory: undefined })] }), status: 'Healthy', codes: [] },
  { name: 'pending pods', observation: healthy({ workload: { observed: { pendingPods: 3, failedPods: 0, restartingContainers: 0 } } }), status: 'Degraded', codes: ['PodsPending'] },
  { name: 'failed pods and restarts', observation: healthy({ workload: { observed: { pendingPods: 0, failedPods: 1, restartingContainers: 2 } } }), status: 'Degraded', codes: ['PodsFailed', 'ContainersRestarting'] },
  { name: 'a few warnings are churn', observation: healthy({ warningEvents: { observed: [{ reason: 'BackOff', count: 9, lastMessage: 'x' }] } }), status: 'Healthy', codes: [] },
  { name: 'many warnings', observation: healthy({ warningEvents: { observed: [{ reason: 'BackOff', count: 6, lastMessage: 'x' }, { reason: 'FailedScheduling', count: 4, lastMessage: 'y' }] } }), status: 'Degraded', codes: ['WarningEvents'] },
  { name: 'a control-plane error', observation: healthy({ controlPlaneErrors: { observed: [{ reason: 'kube-apiserver', count: 1, lastMessage: 'E…' }] } }), status: 'Degraded', codes: ['ControlPlaneErrors'] },
  { name: 'metrics down', observation: healthy({ metrics: { unavailable: 'Azure Monitor answered 503' } }), status: 'Unknown', codes: ['MetricsUnavailable'] },
  { name: 'metrics down but pods pending: the known problem wins', observation: healthy({ metrics: { unavailable: 'down' }, workload: { observed: { pendingPods: 1, failedPods: 0, restartingContainers: 0 } } }), status: 'Degraded', codes: ['PodsPending', 'MetricsUnavailable'] },
  { name: 'logs down', observation: healthy({ workload: { unavailable: 'Log Analytics answered 503' } }), status: 'Unknown', codes: ['LogsUnavailable'] },
  { name: 'provisioning failed', observation: healthy({ provisioningState: 'Failed' }), status: 'Unhealthy', codes: ['ProvisioningFailed'] },
  { name: 'stopped', observation: healthy({ powerState: 'Stopped', pools: [pool({ readyNodes: 0, cpu: undefined, memory: undefined })] }), status: 'Unknown', codes: ['ClusterStopped'] },
];

describe('assessClusterHealth', () => {
  it.each(cases)('$name → $status', ({ observation, status, codes }) => {
    const assessment = assessClusterHealth(observation);
    expect(assessment.status).toBe(status);
    expect(assessment.reasons.map((reason) => reason.code)).toEqual(codes);
  });

  it('says which pool and which values decided', () => {
    const [reason] = assessClusterHealth(healthy({ pools: [pool({ name: 'web', cpu: { average: 91.26, maximum: 93.5 } })] })).reasons;
    expect(reason).toMatchObject({ code: 'CpuPressure', pool: 'web', status: 'Degraded' });
    expect(reason?.message).toBe('Pool web: CPU average 91.3 %, maximum 93.5 % (Degraded from an average of 80 %).');
  });

  it('lists the worst reasons first', () => {
    const { reasons } = assessClusterHealth(
      healthy({ pools: [pool({ readyNodes: 0 })], workload: { unavailable: 'x' }, controlPlaneErrors: { observed: [{ reason: 'etcd', count: 2, lastMessage: '' }] } }),
    );
    expect(reasons.map((reason) => reason.status)).toEqual(['Unhealthy', 'Degraded', 'Unknown']);
  });
});

const usage = fc.record({ average: fc.double({ min: 0, max: 100, noNaN: true }), maximum: fc.double({ min: 0, max: 100, noNaN: true }) });
const counts = fc.nat({ max: 50 });

/** An observation with every signal known, plus a second one that is worse or equal in every input. */
const observationAndWorse = fc
  .record({
    nodeCount: fc.integer({ min: 1, max: 10 }),
    ready: fc.integer({ min: 0, max: 10 }),
    lessReady: fc.integer({ min: 0, max: 10 }),
    cpu: usage,
    memory: usage,
    cpuUp: usage,
    memoryUp: usage,
    pending: counts,
    failed: counts,
    restarting: counts,
    warnings: counts,
    errors: counts,
    more: fc.array(counts, { minLength: 5, maxLength: 5 }),
    failedProvisioning: fc.boolean(),
    becomesFailed: fc.boolean(),
  })
  .map((v) => {
    const ready = Math.min(v.ready, v.nodeCount);
    const worse = (a: { average: number; maximum: number }, b: { average: number; maximum: number }) => ({ average: Math.max(a.average, b.average), maximum: Math.max(a.maximum, b.maximum) });
    const build = (extra: number[], readyNodes: number, cpu: typeof v.cpu, memory: typeof v.memory, failed: boolean): ClusterObservation => ({
      provisioningState: failed ? 'Failed' : 'Succeeded',
      powerState: 'Running',
      pools: [pool({ nodeCount: v.nodeCount, readyNodes, cpu, memory })],
      metrics: { observed: true },
      workload: { observed: { pendingPods: v.pending + extra[0]!, failedPods: v.failed + extra[1]!, restartingContainers: v.restarting + extra[2]! } },
      warningEvents: { observed: [{ reason: 'BackOff', count: v.warnings + extra[3]!, lastMessage: '' }] },
      controlPlaneErrors: { observed: [{ reason: 'etcd', count: v.errors + extra[4]!, lastMessage: '' }] },
    });
    return {
      base: build([0, 0, 0, 0, 0], ready, v.cpu, v.memory, v.failedProvisioning),
      worse: build(v.more, Math.max(0, ready - v.lessReady), worse(v.cpu, v.cpuUp), worse(v.memory, v.memoryUp), v.failedProvisioning || v.becomesFailed),
    };
  });

describe('health rules: properties', () => {
  it('worse inputs never give a better status', () => {
    fc.assert(
      fc.property(observationAndWorse, ({ base, worse }) => {
        expect(healthRank(assessClusterHealth(worse).status)).toBeGreaterThanOrEqual(healthRank(assessClusterHealth(base).status));
      }),
    );
  });

  it('the status is the worst status any reason calls for, and Healthy exactly when there is no reason', () => {
    fc.assert(
      fc.property(observationAndWorse, ({ worse }) => {
        const { status, reasons } = assessClusterHealth(worse);
        expect(status === 'Healthy').toBe(reasons.length === 0);
        for (const reason of reasons) expect(healthRank(reason.status)).toBeLessThanOrEqual(healthRank(status));
        if (reasons.length > 0) expect(reasons.some((reason) => reason.status === status)).toBe(true);
      }),
    );
  });

  it('losing a signal never turns a cluster Healthy that was not', () => {
    fc.assert(
      fc.property(observationAndWorse, fc.constantFrom('metrics', 'workload', 'warningEvents', 'controlPlaneErrors'), ({ worse }, signal) => {
        const before = assessClusterHealth(worse).status;
        const after = assessClusterHealth({ ...worse, [signal]: { unavailable: 'down' } }).status;
        if (before !== 'Healthy') expect(after).not.toBe('Healthy');
        expect(after).not.toBe('Healthy');
      }),
    );
  });

  it('the default thresholds are ordered: Degraded lines below Unhealthy lines', () => {
    const t = DEFAULT_HEALTH_THRESHOLDS;
    expect(t.cpuAverageDegraded).toBeLessThan(t.cpuAverageUnhealthy);
    expect(t.memoryAverageDegraded).toBeLessThan(t.memoryAverageUnhealthy);
  });
});
