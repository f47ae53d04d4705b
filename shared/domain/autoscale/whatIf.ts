import { evaluatePool } from './evaluatePool';
import { recordScaleEvent } from './evaluation/poolHistory';
import { EMPTY_POOL_HISTORY, type PoolDecision, type PoolHistory, type PoolState } from './evaluation/poolEvaluationTypes';
import type { EffectivePolicy } from './policy/effectivePolicy';
import { loadFactorAt } from './whatIf/loadProfile';
import { demandOfRecording, modelPool, pendingPodGroup, type Demand } from './whatIf/nodeModel';
import type { WhatIfRequest } from './whatIf/whatIfSchema';

const MINUTE_MS = 60_000;

/** Points are reported to a tenth of a percent (a week of minutes stays a reasonable answer). */
const tenth = (value: number) => Math.round(value * 10) / 10;

export interface WhatIfPoint {
  at: string;
  nodeCount: number;
  clusterRunning: boolean;
  cpuPercent: number;
  memoryPercent: number;
  pendingPods: number;
}

export interface WhatIfDecision {
  at: string;
  action: PoolDecision['action'];
  clusterAction: PoolDecision['clusterAction'];
  rule: string;
  sentence: string;
}

export interface WhatIfResult {
  /** One per minute: the pool as the node model sees it during that minute. */
  points: WhatIfPoint[];
  /** Only the evaluations that changed something. */
  decisions: WhatIfDecision[];
  /** Node-hours the pool ran (a stopped cluster's nodes do not count). */
  nodeHours: number;
  /** Minutes with CPU or memory above its target, or with pods pending. */
  minutesAboveTarget: number;
  peakNodes: number;
  evaluations: number;
}

function demandAt(request: WhatIfRequest, index: number, atMs: number): Demand {
  const { series } = request;
  if (series.kind === 'recorded') return demandOfRecording(series.minutes[index]!);
  const load = loadFactorAt(series.profile, atMs);
  return { cpuNodes: series.demandAtNominalLoad.cpuNodes * load, memoryNodes: series.demandAtNominalLoad.memoryNodes * load };
}

function initialCount(request: WhatIfRequest): number {
  const { series } = request;
  return series.kind === 'recorded' ? series.minutes[0]!.nodeCount : series.initialNodeCount;
}

function minuteCount(request: WhatIfRequest): number {
  const { series } = request;
  return series.kind === 'recorded' ? series.minutes.length : series.minutes;
}

function isAboveTarget(point: Pick<WhatIfPoint, 'clusterRunning' | 'cpuPercent' | 'memoryPercent' | 'pendingPods'>, policy: EffectivePolicy): boolean {
  if (!point.clusterRunning) return false;
  const { cpuUtilizationPercent: cpu, memoryUtilizationPercent: memory } = policy.targets;
  return point.pendingPods > 0 || (cpu !== undefined && point.cpuPercent > cpu) || (memory !== undefined && point.memoryPercent > memory);
}

interface ReplayState {
  count: number;
  running: boolean;
  history: PoolHistory;
}

function poolStateOf(request: WhatIfRequest, state: ReplayState): PoolState {
  return {
    clusterResourceId: '/whatIf',
    poolName: 'pool',
    mode: request.pool.mode,
    count: state.count,
    node: { allocatableCpuMilli: request.pool.allocatableCpuMilli, allocatableMemoryBytes: request.pool.allocatableMemoryBytes, allocatablePods: request.pool.allocatablePods },
    clusterAutoscaler: { enabled: false },
    provisioningState: 'Succeeded',
    clusterPowerState: state.running ? 'Running' : 'Stopped',
    inOperation: false,
    upgrading: false,
    inUpdateRun: false,
  };
}

/** Applies a decision to the replayed pool as if it took effect at once (the next minute sees it). */
function apply(decision: PoolDecision, state: ReplayState, at: string): ReplayState {
  let { count, running, history } = { ...state, history: decision.history };
  if (decision.clusterAction?.type === 'Stop') running = false;
  if (decision.clusterAction?.type === 'Start') running = true;
  if (decision.action.type === 'SetCount') {
    history = recordScaleEvent(history, { from: decision.action.from, to: decision.action.to, at });
    count = decision.action.to;
  }
  return { count, running, history };
}

/**
 * Replays a policy over a per-minute series with `evaluatePool`, as if every decision were enforced at once:
 * a recorded series keeps its demand (utilisation × nodes + pending pods) while the node count follows the
 * policy; a generated one takes its demand from the emulator's load curves. `effectiveAt` folds the policy's
 * schedules in for a moment (it needs a cron library, so the caller gives it). Pure.
 */
export function replayWhatIf(request: WhatIfRequest, effectiveAt: (at: Date) => EffectivePolicy): WhatIfResult {
  const startMs = Date.parse(request.series.start);
  let state: ReplayState = { count: initialCount(request), running: true, history: EMPTY_POOL_HISTORY };
  const points: WhatIfPoint[] = [];
  const decisions: WhatIfDecision[] = [];
  let nodeMinutes = 0;
  let minutesAboveTarget = 0;
  let evaluations = 0;
  for (let index = 0; index < minuteCount(request); index++) {
    const atMs = startMs + index * MINUTE_MS;
    const at = new Date(atMs).toISOString();
    const model = modelPool(demandAt(request, index, atMs), state.running ? state.count : 0);
    const point: WhatIfPoint = { at, nodeCount: state.count, clusterRunning: state.running, cpuPercent: tenth(model.cpuPercent), memoryPercent: tenth(model.memoryPercent), pendingPods: model.pendingPods };
    points.push(point);
    const policy: EffectivePolicy = { ...effectiveAt(new Date(atMs)), mode: 'Enforce' };
    if (state.running) nodeMinutes += state.count;
    if (isAboveTarget({ clusterRunning: state.running, ...model }, policy)) minutesAboveTarget++;
    if (index % request.everyMinutes !== 0) continue;
    evaluations++;
    const decision = evaluatePool({
      policy,
      pool: poolStateOf(request, state),
      observations: {
        cpuPercent: { value: model.cpuPercent, sampledAt: at },
        memoryPercent: { value: model.memoryPercent, sampledAt: at },
        pendingPods: { groups: pendingPodGroup(model.pendingPods, poolStateOf(request, state).node), sampledAt: at },
      },
      history: state.history,
      now: at,
    });
    if (decision.action.type !== 'None' || decision.clusterAction !== null) {
      decisions.push({ at, action: decision.action, clusterAction: decision.clusterAction, rule: decision.rule, sentence: decision.sentence });
    }
    state = apply(decision, state, at);
  }
  return {
    points,
    decisions,
    nodeHours: Math.round((nodeMinutes / 60) * 1000) / 1000,
    minutesAboveTarget,
    peakNodes: points.reduce((peak, point) => Math.max(peak, point.nodeCount), 0),
    evaluations,
  };
}
