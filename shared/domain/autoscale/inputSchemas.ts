import { z } from 'zod';
import { MAX_INT32 } from './integerMath';
import type {
  ApplyLegacyLimitsInput,
  ApplyRateLimitsInput,
  CalculateReplicasInput,
  DecideReplicasInput,
  EstimateNodesInput,
  LeastWasteInput,
  NodeUtilizationInput,
  ReplicasChangedWithinInput,
  ScaleLimitInput,
  ScalingRules,
  StabilizeRecommendationInput,
  StabilizeRecommendationLegacyInput,
} from './types';

/** Shapes and bounds of every input; numbers are finite (zod rejects NaN and Infinity). */

const replicaCount = z.int().min(0).max(MAX_INT32);
const nonNegative = z.number().min(0);
const positive = z.number().gt(0);
const ageSeconds = nonNegative;

const sampleSchema = z.object({
  phase: z.enum(['Pending', 'Running', 'Succeeded', 'Failed']),
  ready: z.boolean(),
  deleting: z.boolean(),
  cpuInitializing: z.boolean().optional(),
  requestMilli: nonNegative.nullable().optional(),
  usageMilli: nonNegative.nullable().optional(),
  valueMilli: nonNegative.nullable().optional(),
});

const metricTargetSchema = z.union([
  z.object({
    type: z.literal('Resource'),
    resource: z.enum(['cpu', 'memory']).optional(),
    targetUtilizationPercent: z.int().min(1).max(MAX_INT32),
  }),
  z.object({ type: z.literal('Pods'), targetAverageValueMilli: positive }),
  z.strictObject({
    type: z.enum(['Object', 'External']),
    valueMilli: nonNegative,
    targetValueMilli: positive,
  }),
  z.strictObject({
    type: z.enum(['Object', 'External']),
    valueMilli: nonNegative,
    targetAverageValueMilli: positive,
  }),
]);

export const calculateReplicasInputSchema: z.ZodType<CalculateReplicasInput> = z.object({
  currentReplicas: replicaCount,
  samples: z.array(sampleSchema),
  metric: metricTargetSchema,
  tolerance: nonNegative.optional(),
});

const recommendationSchema = z.object({ replicas: replicaCount, ageSeconds });
const scaleEventSchema = z.object({ replicaChange: z.int().min(-MAX_INT32).max(MAX_INT32), ageSeconds });

/** The autoscaling/v2 validation bounds of HPAScalingRules. */
const scalingRulesSchema: z.ZodType<ScalingRules> = z.object({
  stabilizationWindowSeconds: z.int().min(0).max(3600).nullable().optional(),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
  policies: z
    .array(
      z.object({
        type: z.enum(['Pods', 'Percent']),
        value: z.int().min(1).max(MAX_INT32),
        periodSeconds: z.int().min(1).max(1800),
      }),
    )
    .optional(),
});

export const stabilizeRecommendationInputSchema: z.ZodType<StabilizeRecommendationInput> = z.object({
  currentReplicas: replicaCount,
  desiredReplicas: replicaCount,
  recommendations: z.array(recommendationSchema),
  scaleUpWindowSeconds: nonNegative,
  scaleDownWindowSeconds: nonNegative,
});

export const stabilizeRecommendationLegacyInputSchema: z.ZodType<StabilizeRecommendationLegacyInput> =
  z.object({
    desiredReplicas: replicaCount,
    recommendations: z.array(recommendationSchema),
    windowSeconds: nonNegative,
  });

const replicaRangeFields = {
  currentReplicas: replicaCount,
  desiredReplicas: replicaCount,
  minReplicas: replicaCount,
  maxReplicas: replicaCount,
};

export const applyRateLimitsInputSchema: z.ZodType<ApplyRateLimitsInput> = z.object({
  ...replicaRangeFields,
  scaleUp: scalingRulesSchema.nullable(),
  scaleDown: scalingRulesSchema.nullable(),
  scaleUpEvents: z.array(scaleEventSchema),
  scaleDownEvents: z.array(scaleEventSchema),
});

export const applyLegacyLimitsInputSchema: z.ZodType<ApplyLegacyLimitsInput> = z.object(replicaRangeFields);

export const scaleLimitInputSchema: z.ZodType<ScaleLimitInput> = z.object({
  currentReplicas: replicaCount,
  rules: scalingRulesSchema,
  scaleUpEvents: z.array(scaleEventSchema),
  scaleDownEvents: z.array(scaleEventSchema),
});

export const replicasChangedWithinInputSchema: z.ZodType<ReplicasChangedWithinInput> = z.object({
  periodSeconds: nonNegative,
  events: z.array(scaleEventSchema),
});

export const decideReplicasInputSchema: z.ZodType<DecideReplicasInput> = z
  .object({
    currentReplicas: replicaCount,
    minReplicas: replicaCount,
    maxReplicas: replicaCount.min(1),
    metrics: z.array(
      z.object({ name: z.string(), proposedReplicas: replicaCount.nullable(), valid: z.boolean() }),
    ),
    behavior: z
      .object({
        scaleUp: scalingRulesSchema.nullable().optional(),
        scaleDown: scalingRulesSchema.nullable().optional(),
      })
      .nullable(),
    recommendations: z.array(recommendationSchema),
    scaleUpEvents: z.array(scaleEventSchema).optional(),
    scaleDownEvents: z.array(scaleEventSchema).optional(),
    downscaleStabilizationWindowSeconds: nonNegative.optional(),
  })
  .refine((i) => i.minReplicas <= i.maxReplicas, {
    message: 'minReplicas must not exceed maxReplicas',
    path: ['minReplicas'],
  });

export const estimateNodesInputSchema: z.ZodType<EstimateNodesInput> = z.object({
  nodeTemplate: z.object({
    allocatableCpuMilli: nonNegative,
    allocatableMemoryBytes: nonNegative,
    allocatablePods: z.int().min(0),
  }),
  podGroups: z.array(z.object({ count: z.int().min(0), cpuMilli: nonNegative, memoryBytes: nonNegative })),
  maxNodes: z.int().min(0),
});

export const nodeUtilizationInputSchema: z.ZodType<NodeUtilizationInput> = z.object({
  node: z.object({ allocatableCpuMilli: positive, allocatableMemoryBytes: positive }),
  pods: z.array(
    z.object({
      cpuMilli: nonNegative,
      memoryBytes: nonNegative,
      kind: z.enum(['regular', 'daemonset', 'mirror']),
      deletionAgeMinutes: nonNegative.optional(),
    }),
  ),
  ignoreDaemonSets: z.boolean(),
  ignoreMirrorPods: z.boolean(),
});

export const leastWasteInputSchema: z.ZodType<LeastWasteInput> = z
  .object({
    pods: z.array(z.object({ cpuMilli: nonNegative, memoryBytes: nonNegative })),
    options: z.array(
      z.object({
        nodeGroup: z.string().min(1),
        nodeCount: z.int().min(1),
        nodeCapacity: z.object({ cpuMilli: positive, memoryBytes: positive }),
      }),
    ),
  })
  .refine((i) => new Set(i.options.map((o) => o.nodeGroup)).size === i.options.length, {
    message: 'each nodeGroup may appear once',
    path: ['options'],
  });
