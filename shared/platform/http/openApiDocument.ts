import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { openApiPathOf, type ApiOperation, type ApiResponseSpec } from './apiOperation';
import { repairFlaggedPatterns } from './openApiPatterns';
import { problemSchema } from './problemSchema';

type RouteConfig = Parameters<OpenAPIRegistry['registerPath']>[0];

/** Builds the OpenAPI 3.1 document from the operations' zod schemas. */
export function buildOpenApiDocument(operations: ApiOperation[], version: string): Record<string, unknown> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const operation of operations) registry.registerPath(routeConfigOf(operation));
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Fleetplane API',
      version,
      description: 'Control plane for fleets of AKS clusters. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: '/' }],
  });
  return repairFlaggedPatterns(document) as unknown as Record<string, unknown>;
}

function routeConfigOf(operation: ApiOperation): RouteConfig {
  const { request } = operation;
  const responses: Record<string, ResponseConfig> = {};
  for (const [status, spec] of Object.entries(operation.responses)) {
    responses[status] = {
      description: spec.description,
      ...(spec.headers ? { headers: responseHeadersOf(spec.headers) } : {}),
      ...(spec.schema
        ? { content: { [spec.contentType ?? (Number(status) >= 400 ? 'application/problem+json' : 'application/json')]: { schema: spec.schema } } }
        : {}),
    };
  }
  responses.default ??= {
    description: 'An error, as problem details',
    content: { 'application/problem+json': { schema: problemSchema } },
  };
  return {
    method: operation.method.toLowerCase() as RouteConfig['method'],
    path: openApiPathOf(operation.route),
    operationId: operation.operationId,
    summary: operation.summary,
    tags: operation.tags,
    // An empty list states that the operation is public, rather than leaving it unsaid.
    security: operation.authenticated ? [{ bearer: [] }] : [],
    request: {
      ...(request?.params ? { params: request.params as z.ZodObject } : {}),
      ...(request?.query ? { query: request.query as z.ZodObject } : {}),
      // The pipeline answers 400 to an operation with a body schema when the body is missing.
      ...(request?.body ? { body: { required: true, content: { 'application/json': { schema: request.body } } } } : {}),
    },
    responses,
  };
}

function responseHeadersOf(headers: NonNullable<ApiResponseSpec['headers']>): NonNullable<ResponseConfig['headers']> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, description]) => [name, { description, schema: { type: 'string' as const } }]),
  );
}
