import { z } from 'zod';
import { autoscalePolicySchema } from '../policy/autoscalePolicySchema';
import { AKS_MAX_NODES } from '../policy/limits';

/** Seven days of minutes: the longest series a what-if replays. */
export const MAX_WHAT_IF_MINUTES = 7 * 24 * 60;

const percent = z.number().min(0).max(100);

const recordedMinuteSchema = z.object({
  cpuPercent: percent.describe('Average node CPU utilisation, %.'),
  memoryPercent: percent.describe('Average node memory utilisation, %.'),
  pendingPods: z.int().min(0).max(100_000).default(0),
  nodeCount: z.int().min(0).max(AKS_MAX_NODES).describe('Nodes the recording saw (the demand is utilisation × nodes + pending pods).'),
});

const recordedSeriesSchema = z.object({
  kind: z.literal('recorded'),
  start: z.iso.datetime({ offset: true }).describe('Time of the first minute.'),
  minutes: z.array(recordedMinuteSchema).min(1).max(MAX_WHAT_IF_MINUTES),
});

const generatedSeriesSchema = z.object({
  kind: z.literal('generated'),
  start: z.iso.datetime({ offset: true }),
  minutes: z.int().min(1).max(MAX_WHAT_IF_MINUTES),
  profile: z.object({
    kind: z.enum(['steady', 'diurnal', 'spike']),
    intensity: z.number().gt(0).max(100).default(1),
    peakHourUtc: z.number().min(0).max(24).default(12),
    spikeEveryMinutes: z.int().min(1).max(10_080).default(60),
    spikeMinutes: z.int().min(1).max(10_080).default(10),
    spikeMultiplier: z.number().min(1).max(100).default(2.5),
  }),
  demandAtNominalLoad: z
    .object({ cpuNodes: z.number().min(0).max(AKS_MAX_NODES), memoryNodes: z.number().min(0).max(AKS_MAX_NODES) })
    .describe('Work at load factor 1, in nodes\' worth at 100 % utilisation.'),
  initialNodeCount: z.int().min(0).max(AKS_MAX_NODES),
});

export const whatIfRequestSchema = z
  .object({
    policy: autoscalePolicySchema,
    pool: z
      .object({
        mode: z.enum(['System', 'User']).default('User'),
        allocatableCpuMilli: z.number().gt(0).max(1e7).default(3860),
        allocatableMemoryBytes: z.number().gt(0).max(1e14).default(12_884_901_888),
        allocatablePods: z.int().min(1).max(250).default(110),
      })
      .default({ mode: 'User', allocatableCpuMilli: 3860, allocatableMemoryBytes: 12_884_901_888, allocatablePods: 110 })
      .describe('The pool\'s mode and one node\'s allocatable capacity (default: a 4 vCPU, 16 GiB node).'),
    series: z.discriminatedUnion('kind', [recordedSeriesSchema, generatedSeriesSchema]),
    everyMinutes: z.int().min(1).max(60).default(1).describe('How often the evaluation runs.'),
  })
  .meta({ description: 'A policy replayed over a recorded or generated per-minute series.' });

export type WhatIfRequest = z.infer<typeof whatIfRequestSchema>;
