import type { AutoscalePolicy } from './policy/autoscalePolicySchema';
import type { PoolDecision } from './evaluation/poolEvaluationTypes';

export const MAX_WHAT_IF_MINUTES = 7 * 24 * 60;

/** One recorded minute of a pool. */
export interface RecordedMinute {
  /** ISO 8601 minute. */
  at: string;
  cpuPercent?: number | null;
  memoryPercent?: number | null;
  pendingPods?: number | null;
  /** The node count the recording saw; the replay uses its own count after the first minute. */
  nodeCount?: number | null;
}

/** A load curve as the emulator's workload profiles define it, driving the simple node model. */
export interface GeneratedSeries {
  profile: { kind: 'steady' | 'diurnal' | 'spike'; intensity: number; peakHourUtc: number; spikeEveryMinutes: number; spikeMinutes: number; spikeMultiplier: number };
  start: string;
  minutes: number;
  /** Node model: total CPU and memory the workload needs at load factor 1, in nodes' worth at 100 %. */
  workloadAtNominalLoad: { cpuNodes: number; memoryNodes: number };
  initialNodeCount: number;
}

export interface WhatIfInput {
  policy: AutoscalePolicy;
  pool: { mode: 'System' | 'User'; node: { allocatableCpuMilli: number; allocatableMemoryBytes: number; allocatablePods: number } };
  series: { recorded: RecordedMinute[] } | { generated: GeneratedSeries };
  /** How often the evaluation runs, minutes (default 1). */
  everyMinutes?: number;
}

export interface WhatIfPoint {
  at: string;
  nodeCount: number;
  cpuPercent: number | null;
  memoryPercent: number | null;
  pendingPods: number;
  decision: Pick<PoolDecision, 'action' | 'rule' | 'sentence' | 'skipped'>;
}

export interface WhatIfResult {
  points: WhatIfPoint[];
  /** Changes of the node count. */
  changes: { at: string; from: number; to: number; rule: string }[];
  nodeHours: number;
  /** Minutes with CPU or memory above its target, or with pods pending. */
  minutesAboveTarget: number;
  peakNodes: number;
}
