import { z } from 'zod';
import { ROLES } from '../../domain/access/roles';
import { roleBindingIdSchema, roleBindingRecordSchema, roleBindingRequestSchema } from './roleBindingSchema';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';
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

/** The operations of this API area, in the order the API lists them. */
export const accessOperations: ApiOperation[] = [whoAmI, listRoleBindings, getRoleBinding, putRoleBinding, deleteRoleBinding];
