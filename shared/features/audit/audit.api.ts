import { z } from 'zod';
import { auditEventSchema } from '../../domain/audit/auditEvent';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';
import { authenticatedProblems } from '../../platform/http/problemSchema';

export const auditQuerySchema = z.object({
  from: z.iso.datetime({ error: 'from must be an ISO 8601 date-time' }).optional(),
  to: z.iso.datetime({ error: 'to must be an ISO 8601 date-time' }).optional(),
  callerObjectId: z.string().max(64).optional(),
  target: z.string().max(512).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  continuationToken: z.string().max(4096).optional(),
});

export const listAuditEvents = defineOperation({
  operationId: 'listAuditEvents',
  method: 'GET',
  route: 'auditEvents',
  summary: 'Audit records, newest first (admins at tenant scope). Filters: time range, caller, target; paged with nextLink.',
  tags: ['access'],
  authenticated: true,
  request: { query: auditQuerySchema },
  responses: {
    200: { description: 'A page of records', schema: z.object({ value: z.array(auditEventSchema), nextLink: z.string().optional() }) },
    ...authenticatedProblems,
  },
});

/** The operations of this API area, in the order the API lists them. */
export const auditOperations: ApiOperation[] = [listAuditEvents];
