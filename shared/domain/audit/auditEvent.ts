import { z } from 'zod';

/** One audited decision: who asked to do what to which target, what was decided, and how it ended. */
export const auditEventSchema = z.object({
  id: z.string(),
  time: z.iso.datetime(),
  caller: z
    .object({
      tenantId: z.string(),
      objectId: z.string(),
      kind: z.enum(['user', 'servicePrincipal']),
      displayName: z.string().optional(),
      clientAppId: z.string().optional(),
    })
    .optional()
    .describe('Absent when the request could not be authenticated.'),
  action: z.string().describe('The API operation, e.g. putCluster.'),
  method: z.string(),
  target: z.string().describe('The resource the request addressed (its path or ARM-like id).'),
  permission: z.string().optional().describe('resource.verb that was checked, e.g. clusters.create'),
  decision: z
    .enum(['allowed', 'denied', 'unauthenticated', 'pending'])
    .describe('pending: the record of a write taken before it ran, whose end was never recorded'),
  reason: z.string().optional(),
  outcome: z
    .enum(['succeeded', 'failed', 'denied', 'pending'])
    .describe('pending: the write may or may not have taken effect (the audit store or the host failed before its end)'),
  status: z.number().int().describe('The HTTP status answered; 0 while pending.'),
  correlationId: z.string(),
  armCorrelationId: z.string().optional(),
});

export type AuditEvent = z.infer<typeof auditEventSchema>;
