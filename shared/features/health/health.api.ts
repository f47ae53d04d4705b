import { z } from 'zod';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';

export const readinessCheckSchema = z.object({
  status: z.enum(['ok', 'failed', 'notConfigured']),
  latencyMs: z.number().optional(),
  target: z.string().optional(),
  detail: z.string().optional(),
});

export const healthSchema = z.object({
  status: z.enum(['ready', 'notReady']),
  live: z.literal(true),
  mode: z.enum(['azure', 'local']),
  checks: z.record(z.string(), readinessCheckSchema),
});

export type HealthReport = z.infer<typeof healthSchema>;
export type ReadinessCheck = z.infer<typeof readinessCheckSchema>;

export const getHealth = defineOperation({
  operationId: 'getHealth',
  method: 'GET',
  route: 'health',
  summary: 'Liveness, and readiness of storage and of Azure Resource Manager (or the local emulator).',
  tags: ['health'],
  authenticated: false,
  responses: {
    200: { description: 'Live and ready', schema: healthSchema },
    503: { description: 'Live but not ready; the failing checks say why', schema: healthSchema },
  },
});

/** The operations of this API area, in the order the API lists them. */
export const healthOperations: ApiOperation[] = [getHealth];
