import { guardrailsSchema } from '../../domain/fleet/guardrailsSchema';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';
import { authenticatedProblems, problemSchema } from '../../platform/http/problemSchema';


export const getGuardrails = defineOperation({
  operationId: 'getGuardrails',
  method: 'GET',
  route: 'guardrails',
  summary: 'The fleet guardrails (permissive until an admin sets them).',
  tags: ['guardrails'],
  authenticated: true,
  responses: { 200: { description: 'Guardrails', schema: guardrailsSchema, headers: { ETag: 'Version for If-Match' } }, ...authenticatedProblems },
});

export const putGuardrails = defineOperation({
  operationId: 'putGuardrails',
  method: 'PUT',
  route: 'guardrails',
  summary: 'Replace the fleet guardrails (Admin at tenant scope). If-Match.',
  tags: ['guardrails'],
  authenticated: true,
  request: { body: guardrailsSchema },
  responses: {
    200: { description: 'Stored', schema: guardrailsSchema, headers: { ETag: 'New version' } },
    412: { description: 'Stale If-Match', schema: problemSchema },
    ...authenticatedProblems,
  },
});

/** The operations of this API area, in the order the API lists them. */
export const guardrailsOperations: ApiOperation[] = [getGuardrails, putGuardrails];
