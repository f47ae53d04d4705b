import { z } from 'zod';
import type { Behavior } from '../types';

const MAX_POLICIES = 10;

/** autoscaling/v2 HPAScalingRules with its validation bounds; a missing field takes the API default. */
export const scalingRulesSchema = z
  .object({
    stabilizationWindowSeconds: z.int().min(0).max(3600).nullable().optional(),
    selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
    policies: z
      .array(
        z.object({
          type: z.enum(['Pods', 'Percent']),
          value: z.int().min(1).max(1000),
          periodSeconds: z.int().min(1).max(1800),
        }),
      )
      .max(MAX_POLICIES)
      .optional(),
  })
  .meta({ description: 'HPA scaling rules (autoscaling/v2 HPAScalingRules); missing fields take the API defaults.' });

/** autoscaling/v2 HorizontalPodAutoscalerBehavior: absent rules take the API defaults. */
export const behaviorSchema = z
  .object({
    scaleUp: scalingRulesSchema.nullable().optional(),
    scaleDown: scalingRulesSchema.nullable().optional(),
  })
  .meta({ description: 'How fast the pool may grow and shrink, exactly as an HPA\'s `behavior`.' }) satisfies z.ZodType<Behavior>;

export type AutoscaleBehavior = z.infer<typeof behaviorSchema>;
