import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { openApiPathOf, type ApiOperation } from './apiOperation';
import { repairFlaggedPatterns } from './openApiPatterns';
import { problemSchema } from './problemSchema';

type RouteConfig = Parameters<OpenAPIRegistry['registerPath']>[0];
type ResponseConfig = RouteConfig['responses'][string];

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
    responses[status] = spec.schema
      ? {
          description: spec.description,
          content: { [spec.contentType ?? (Number(status) >= 400 ? 'application/problem+json' : 'application/json')]: { schema: spec.schema } },
        }
      : { description: spec.description };
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
    ...(operation.authenticated ? { security: [{ bearer: [] }] } : {}),
    request: {
      ...(request?.params ? { params: request.params as z.ZodObject } : {}),
      ...(request?.query ? { query: request.query as z.ZodObject } : {}),
      ...(request?.body ? { body: { content: { 'application/json': { schema: request.body } } } } : {}),
    },
    responses,
  };
}
