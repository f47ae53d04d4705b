import { z } from 'zod';
import { operationViewSchema } from './operationRecord';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';
import { problemSchema } from '../../platform/http/problemSchema';

export const getOperation = defineOperation({
  operationId: 'getOperation',
  method: 'GET',
  route: 'operations/{operationId}',
  summary: 'Status of a long-running operation (polls ARM once when it is not finished). Reader on the target cluster.',
  tags: ['operations'],
  authenticated: true,
  request: { params: z.object({ operationId: z.uuid('must be an operation id (UUID)') }) },
  responses: {
    200: { description: 'The operation', schema: operationViewSchema, headers: { 'Retry-After': 'While not finished' } },
    401: { description: 'Not authenticated', schema: problemSchema },
    403: { description: 'Not allowed', schema: problemSchema },
    404: { description: 'Not found', schema: problemSchema },
  },
});

/** The operations of this API area, in the order the API lists them. */
export const operationsOperations: ApiOperation[] = [getOperation];
