import { z } from 'zod';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';

export const getOpenApiDocument = defineOperation({
  operationId: 'getOpenApiDocument',
  method: 'GET',
  route: 'openapi.json',
  summary: 'This API described as OpenAPI 3.1, generated from its zod schemas.',
  tags: ['meta'],
  authenticated: false,
  responses: { 200: { description: 'The OpenAPI document', schema: z.record(z.string(), z.unknown()) } },
});

/** The operations of this API area, in the order the API lists them. */
export const openApiOperations: ApiOperation[] = [getOpenApiDocument];
