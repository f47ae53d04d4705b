import { z } from 'zod';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';
import { problemSchema } from '../../platform/http/problemSchema';

export const readinessCheckSchema = z.object({
  status: z.enum(['ok', 'failed', 'notConfigured']),
  latencyMs: z.number().optional(),
  target: z.string().optional(),
  detail: z.string().optional(),
});

export const livenessSchema = z.object({ status: z.literal('live') });

export const readinessSchema = z.object({
  status: z.enum(['ready', 'notReady']),
  checkedAt: z.iso.datetime().optional().describe('When the dependencies were last probed (Admins only)'),
  mode: z.enum(['azure', 'local']).optional().describe('Admins only'),
  checks: z.record(z.string(), readinessCheckSchema).optional().describe('Each dependency probed, with its error (Admins only)'),
});

export type ReadinessReport = Required<z.infer<typeof readinessSchema>>;
export type ReadinessCheck = z.infer<typeof readinessCheckSchema>;

export const getHealth = defineOperation({
  operationId: 'getHealth',
  method: 'GET',
  route: 'health',
  summary: 'Liveness: the app answers. Calls no dependency and says nothing more.',
  tags: ['health'],
  authenticated: false,
  responses: {
    200: { description: 'Live', schema: livenessSchema },
  },
});

export const getReadiness = defineOperation({
  operationId: 'getReadiness',
  method: 'GET',
  route: 'health/ready',
  summary:
    'Readiness of storage and of Azure Resource Manager, probed at most once per cache period per instance. Anyone gets the status; a bearer token of a tenant-scope Admin also gets the checks.',
  tags: ['health'],
  authenticated: false,
  responses: {
    200: { description: 'Ready', schema: readinessSchema },
    401: { description: 'A bearer token was sent and is not valid', schema: problemSchema },
    503: {
      description: 'Not ready; probe again after Retry-After (the failing checks say why, for Admins)',
      schema: readinessSchema,
      headers: { 'Retry-After': 'Seconds until the next probe of the dependencies' },
    },
  },
});

/** The operations of this API area, in the order the API lists them. */
export const healthOperations: ApiOperation[] = [getHealth, getReadiness];
