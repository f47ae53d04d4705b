import { z } from 'zod';
import { autoscalePolicySchema, fleetAutoscalePolicySchema } from '../../domain/autoscale/policy';

const changeFields = {
  updatedAt: z.string().max(40),
  /** `{tenantId}/{objectId}` of the caller who stored this version. */
  updatedBy: z.string().max(200),
};

/** A node pool's own policy as stored. */
export const poolPolicyRecordSchema = z.object({
  clusterResourceId: z.string().max(400),
  poolName: z.string().max(12),
  poolMode: z.enum(['System', 'User']),
  policy: autoscalePolicySchema,
  ...changeFields,
});

/** A fleet-wide policy as stored. */
export const fleetPolicyRecordSchema = z.object({
  name: z.string().max(63),
  policy: fleetAutoscalePolicySchema,
  ...changeFields,
});

export type PoolPolicyRecord = z.infer<typeof poolPolicyRecordSchema>;
export type FleetPolicyRecord = z.infer<typeof fleetPolicyRecordSchema>;
