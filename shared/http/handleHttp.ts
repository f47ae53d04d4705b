import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { z } from 'zod';
import { ValidationError } from '../domain/errors';
import type { ApiOperation } from '../api/apiOperation';
import { invocationLogger, type Logger } from '../observability/logger';
import { correlationIdFrom } from './correlation';
import { errorToProblem } from './errorToProblem';
import { problemResponse } from './problem';
import { parseOrThrow } from './validation';

type InferOr<S, Fallback> = S extends z.ZodType ? z.infer<S> : Fallback;

export interface HttpCall<P, Q, B> {
  request: HttpRequest;
  context: InvocationContext;
  correlationId: string;
  log: Logger;
  params: P;
  query: Q;
  body: B;
}

type Implementation<P, Q, B> = (call: HttpCall<P, Q, B>) => Promise<HttpResponseInit>;

/** The options app.http needs for an operation. */
export function httpTriggerOf(operation: ApiOperation) {
  return { route: operation.route, methods: [operation.method], authLevel: 'anonymous' as const };
}

/**
 * Wraps a thin handler: correlation id, structured logging, request validation from the operation's zod
 * schemas, and every thrown error mapped to problem+json in one place.
 */
export function handleHttp<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  operation: ApiOperation<P, Q, B>,
  implementation: Implementation<InferOr<P, Record<string, string>>, InferOr<Q, Record<string, string>>, InferOr<B, undefined>>,
): HttpHandler {
  return async (request, context) => {
    const started = performance.now();
    const correlationId = correlationIdFrom(request.headers);
    const log = invocationLogger(context, { correlationId, operationId: operation.operationId });
    const path = new URL(request.url).pathname;
    let response: HttpResponseInit;
    try {
      const call = {
        request,
        context,
        correlationId,
        log,
        params: parsePart(operation.request?.params, request.params, 'path parameters'),
        query: parsePart(operation.request?.query, Object.fromEntries(request.query.entries()), 'query'),
        body: await parseBody(operation.request?.body, request),
      } as HttpCall<InferOr<P, Record<string, string>>, InferOr<Q, Record<string, string>>, InferOr<B, undefined>>;
      response = await implementation(call);
    } catch (error) {
      const mapped = errorToProblem(error);
      if (mapped.body.status >= 500) log.error('Request failed', { error: describe(error) });
      response = problemResponse({ ...mapped.body, instance: path, correlationId }, mapped.headers);
    }
    response = { ...response, headers: { ...asRecord(response.headers), 'x-correlation-id': correlationId } };
    log.info('Request completed', {
      method: request.method,
      path,
      status: response.status ?? 200,
      durationMs: Math.round(performance.now() - started),
    });
    return response;
  };
}

function parsePart(schema: z.ZodType | undefined, value: unknown, part: string): unknown {
  return schema ? parseOrThrow(schema, value, part) : value;
}

async function parseBody(schema: z.ZodType | undefined, request: HttpRequest): Promise<unknown> {
  if (!schema) return undefined;
  const text = await request.text();
  if (text.trim() === '') {
    throw new ValidationError('The request body is required.', [{ path: '', code: 'required', message: 'A JSON body is required.' }]);
  }
  const contentType = request.headers.get('content-type') ?? '';
  if (contentType && !/\bjson\b/i.test(contentType)) {
    throw new ValidationError('The request body must be JSON.', [
      { path: '', code: 'unsupported_media_type', message: `Content-Type "${contentType}" is not JSON.` },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ValidationError('The request body is not valid JSON.', [
      { path: '', code: 'invalid_json', message: (error as Error).message },
    ]);
  }
  return parseOrThrow(schema, json, 'body');
}

function asRecord(headers: HttpResponseInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return headers;
}

function describe(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
}
