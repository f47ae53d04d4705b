import type { z } from 'zod';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE' | 'OPTIONS';

export interface ApiResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * One HTTP operation of the API: the single source for the function registration, request validation
 * and the OpenAPI document.
 */
export interface ApiOperation<
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
> {
  operationId: string;
  method: HttpMethod;
  /** Route template relative to the routePrefix, as given to app.http. */
  route: string;
  summary: string;
  tags: string[];
  /** Whether a bearer token is needed; health and the OpenAPI document are public. */
  authenticated: boolean;
  request?: { params?: Params; query?: Query; body?: Body };
  responses: Record<number, ApiResponseSpec>;
}

export function defineOperation<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  operation: ApiOperation<P, Q, B>,
): ApiOperation<P, Q, B> {
  return operation;
}

/** `subscriptions/{id:guid}/x` → `/api/subscriptions/{id}/x`, the OpenAPI form of a Functions route. */
export function openApiPathOf(route: string, routePrefix = 'api'): string {
  const path = route.replace(/\{\*{0,2}([A-Za-z_][A-Za-z0-9_]*)[^}]*\}/g, '{$1}');
  return `/${[routePrefix, path].filter(Boolean).join('/')}`;
}
