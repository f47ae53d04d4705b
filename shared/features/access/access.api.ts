import { z } from 'zod';
import { auditEventSchema } from '../../domain/audit/auditEvent';
import { ROLES } from '../../domain/access/roles';
import { roleBindingIdSchema, roleBindingRecordSchema, roleBindingRequestSchema } from './roleBindingSchema';
import { defineOperation } from '../../platform/http/apiOperation';
import { authenticatedProblems, problemSchema } from '../../platform/http/problemSchema';

export const roleBindingSchema = roleBindingRecordSchema.extend({ source: z.enum(['stored', 'configuration']) });

const roleBindingListSchema = z.object({ value: z.array(roleBindingSchema) });
const idParams = z.object({ id: roleBindingIdSchema });

export const listRoleBindings = defineOperation({
  operationId: 'listRoleBindings',
  method: 'GET',
  route: 'roleBindings',
  summary: 'Role bindings the caller may see (rolebindings.list at their scope).',
  tags: ['access'],
  authenticated: true,
  responses: { 200: { description: 'Bindings', schema: roleBindingListSchema }, ...authenticatedProblems },
});

export const getRoleBinding = defineOperation({
  operationId: 'getRoleBinding',
  method: 'GET',
  route: 'roleBindings/{id}',
  summary: 'One role binding.',
  tags: ['access'],
  authenticated: true,
  request: { params: idParams },
  responses: { 200: { description: 'The binding', schema: roleBindingSchema }, 404: { description: 'Not found', schema: problemSchema }, ...authenticatedProblems },
});

export const putRoleBinding = defineOperation({
  operationId: 'putRoleBinding',
  method: 'PUT',
  route: 'roleBindings/{id}',
  summary: 'Grant a role to a subject at a scope. Nobody grants a role above their own. If-Match for updates.',
  tags: ['access'],
  authenticated: true,
  request: { params: idParams, body: roleBindingRequestSchema },
  responses: {
    200: { description: 'Replaced', schema: roleBindingSchema },
    201: { description: 'Created', schema: roleBindingSchema },
    409: { description: 'Reserved id', schema: problemSchema },
    412: { description: 'Stale If-Match', schema: problemSchema },
    ...authenticatedProblems,
  },
});

export const deleteRoleBinding = defineOperation({
  operationId: 'deleteRoleBinding',
  method: 'DELETE',
  route: 'roleBindings/{id}',
  summary: 'Revoke a role binding.',
  tags: ['access'],
  authenticated: true,
  request: { params: idParams },
  responses: { 204: { description: 'Deleted' }, 404: { description: 'Not found', schema: problemSchema }, ...authenticatedProblems },
});

export const whoAmISchema = z.object({
  tenantId: z.string(),
  objectId: z.string(),
  kind: z.enum(['user', 'servicePrincipal']),
  displayName: z.string().optional(),
  appRoles: z.array(z.string()),
  groupsOverage: z.boolean(),
  roles: z.array(z.object({ role: z.enum(ROLES), scope: z.string(), bindingId: z.string() })),
});

export const whoAmI = defineOperation({
  operationId: 'whoAmI',
  method: 'GET',
  route: 'whoami',
  summary: 'The authenticated caller and the roles it holds, strongest first.',
  tags: ['access'],
  authenticated: true,
  responses: { 200: { description: 'The caller', schema: whoAmISchema }, ...authenticatedProblems },
});

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
