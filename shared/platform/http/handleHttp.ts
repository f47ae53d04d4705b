import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { z } from 'zod';
import type { ApiOperation } from './apiOperation';
import type { Caller } from '../../domain/access/caller';
import type { AccessDecision } from '../../domain/access/decision';
import { ForbiddenError, UnsupportedMediaTypeError, ValidationError, type FieldIssue } from '../../domain/errors';
import { isAuthenticationError } from '../../domain/access/errors';
import type { AuditEvent } from '../../domain/audit/auditEvent';
import { onBehalfOfCaller } from '../arm/armReader';
import { traceHttpInvocation } from '../observability/activeTelemetry';
import { invocationLogger, type LogLevel, type Logger } from '../observability/logger';
import { correlationIdFrom } from './correlation';
import { errorToProblem } from './errorToProblem';
import { problemResponse } from './problem';
import { auditEventOf, isWrite, needsAudit, pendingAuditEventOf, type AuditNotes, type AuditReservation } from './requestAudit';
import { checkBody, parseOrThrow, type CheckedBody } from './validation';
import { readBodyText, refuseDeclaredOversizedBody } from './requestBody';
import { parseStrictJson } from './strictJson';

type InferOr<S, Fallback> = S extends z.ZodType ? z.infer<S> : Fallback;

export interface HttpCall<P, Q, B> {
  request: HttpRequest;
  context: InvocationContext;
  correlationId: string;
  log: Logger;
  params: P;
  query: Q;
  body: B;
  /** The authenticated caller (operations marked `authenticated`). */
  caller: Caller;
  /** Checks `resource.verb` at `scope` for the caller; a denial throws (→ 403) and is audited. */
  authorize: (resource: string, verb: string, scope: string) => Promise<AccessDecision>;
  /** The caller's decision for `resource.verb` at `scope`, neither enforced nor recorded (the handler weighs it). */
  decide: (resource: string, verb: string, scope: string) => Promise<AccessDecision>;
  /** Records a decision made elsewhere (e.g. canGrant) like `authorize` does; throws when it denies (`issues`: the fields it concerns). */
  enforce: (decision: AccessDecision, permission: string, target: string, issues?: FieldIssue[]) => AccessDecision;
  /** Extra facts for this request's audit record (e.g. the ARM correlation id). */
  audit: AuditNotes;
}

type Implementation<P, Q, B> = (call: HttpCall<P, Q, B>) => Promise<HttpResponseInit>;

/** What the pipeline needs from access control and the audit trail; the composition root wires them. */
export interface HttpPipelineDependencies {
  logLevel: LogLevel;
  authenticate: (request: HttpRequest) => Promise<Caller>;
  decide: (caller: Caller, verb: string, resource: string, scope: string) => Promise<AccessDecision>;
  /** Writes a record; with a reservation, completes that pending record. */
  recordAudit: (event: Omit<AuditEvent, 'id'>, reservation?: AuditReservation) => Promise<void>;
  /** Writes the pending record of a write before it runs; a failure stops the write. */
  reserveAudit: (event: Omit<AuditEvent, 'id'>) => Promise<AuditReservation>;
  /** Runs the handler under the request's deadline for outbound calls (ARM), so it answers in time. */
  withinDeadline?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** The HTTP handlers of a feature, by operation id. */
export type HttpHandlers = Record<string, HttpHandler>;

const ANONYMOUS: Caller = { tenantId: '', objectId: '', kind: 'user', appRoles: [], groups: [], groupsOverage: false };

/**
 * Wraps a thin handler: correlation id, authentication, request validation from the operation's zod
 * schemas, errors mapped to problem+json in one place, structured logs, and the audit record.
 */
export class HttpPipeline {
  constructor(private readonly deps: HttpPipelineDependencies) {}

  handle<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
    operation: ApiOperation<P, Q, B>,
    implementation: Implementation<InferOr<P, Record<string, string>>, InferOr<Q, Record<string, string>>, InferOr<B, undefined>>,
  ): HttpHandler {
    return (request, context) =>
      traceHttpInvocation({ request, context, route: operation.route }, () =>
        this.run(operation, implementation as Implementation<unknown, unknown, unknown>, request, context),
      );
  }

  /**
   * As `handle`, but a body that is JSON and fails its schema still reaches the handler, with its schema issues,
   * so the handler can answer them together with every other problem it can judge (it must answer 4xx then).
   */
  handleCheckedBody<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
    operation: ApiOperation<P, Q, B>,
    implementation: Implementation<InferOr<P, Record<string, string>>, InferOr<Q, Record<string, string>>, CheckedBody<z.infer<B>>>,
  ): HttpHandler {
    return (request, context) =>
      traceHttpInvocation({ request, context, route: operation.route }, () =>
        this.run(operation, implementation as Implementation<unknown, unknown, unknown>, request, context, 'checked'),
      );
  }

  private async run(
    operation: ApiOperation,
    implementation: Implementation<unknown, unknown, unknown>,
    request: HttpRequest,
    context: InvocationContext,
    bodyCheck: 'strict' | 'checked' = 'strict',
  ): Promise<HttpResponseInit> {
    const { deps } = this;
    const started = performance.now();
    const correlationId = correlationIdFrom(request.headers);
    const log = invocationLogger(context, { correlationId, operationId: operation.operationId }, deps.logLevel);
    const audit: AuditNotes = {};
    const trail: AuditTrailState = { startedAt: new Date() };
    let response: HttpResponseInit;
    try {
      refuseDeclaredOversizedBody(request);
      const caller = operation.authenticated ? await deps.authenticate(request) : ANONYMOUS;
      if (operation.authenticated) audit.caller = caller;
      const call = {
        request,
        context,
        correlationId,
        log,
        caller,
        audit,
        authorize: async (resource: string, verb: string, scope: string) =>
          enforce(audit, await deps.decide(caller, verb, resource, scope), `${resource}.${verb}`, scope),
        decide: (resource: string, verb: string, scope: string) => deps.decide(caller, verb, resource, scope),
        enforce: (decision: AccessDecision, permission: string, target: string, issues?: FieldIssue[]) =>
          enforce(audit, decision, permission, target, issues),
        params: parsePart(operation.request?.params, request.params, 'path parameters'),
        query: parsePart(operation.request?.query, Object.fromEntries(request.query.entries()), 'query'),
        body: await parseBody(operation.request?.body, request, bodyCheck),
      } as HttpCall<unknown, unknown, unknown>;
      if (operation.authenticated && isWrite(request.method)) await reserveAudit(deps, operation, request, correlationId, audit, trail);
      // The caller's live ARM reads come out of its share of the read budget; anonymous work is the system's.
      const run = () => (deps.withinDeadline ? deps.withinDeadline(() => implementation(call)) : implementation(call));
      response = operation.authenticated ? await onBehalfOfCaller(`${caller.tenantId}/${caller.objectId}`, run) : await run();
    } catch (error) {
      const mapped = errorToProblem(error);
      if (isAuthenticationError(error)) audit.reason = error.reason;
      if (mapped.body.status >= 500) log.error('Request failed', { error: describe(error) });
      const instance = new URL(request.url).pathname;
      response = problemResponse({ ...mapped.body, instance, correlationId }, mapped.headers);
    }
    response = { ...response, headers: { ...asRecord(response.headers), 'x-correlation-id': correlationId } };
    const status = response.status ?? 200;
    await recordAudit(deps, operation, request, status, correlationId, audit, log, trail);
    log.info('Request completed', {
      method: request.method,
      path: new URL(request.url).pathname,
      status,
      durationMs: Math.round(performance.now() - started),
      ...(audit.caller ? { callerObjectId: audit.caller.objectId } : {}),
    });
    return response;
  }
}

function enforce(audit: AuditNotes, decision: AccessDecision, permission: string, target: string, issues?: FieldIssue[]): AccessDecision {
  Object.assign(audit, { permission, decision: decision.allowed ? 'allowed' : 'denied', reason: decision.reason, target });
  if (!decision.allowed) throw new ForbiddenError(`Not allowed: ${decision.reason}`, issues);
  return decision;
}

/** This request's audit record so far: reserved before a write ran, or refused (then the write never ran). */
interface AuditTrailState {
  startedAt: Date;
  reservation?: AuditReservation;
  refused?: boolean;
}

async function reserveAudit(
  deps: HttpPipelineDependencies,
  operation: ApiOperation,
  request: HttpRequest,
  correlationId: string,
  notes: AuditNotes,
  trail: AuditTrailState,
): Promise<void> {
  try {
    trail.reservation = await deps.reserveAudit(pendingAuditEventOf(operation.operationId, request, correlationId, notes, trail.startedAt));
  } catch (error) {
    trail.refused = true;
    throw error;
  }
}

async function recordAudit(
  deps: HttpPipelineDependencies,
  operation: ApiOperation,
  request: HttpRequest,
  status: number,
  correlationId: string,
  notes: AuditNotes,
  log: Logger,
  trail: AuditTrailState,
): Promise<void> {
  if (!needsAudit(request.method, status)) return;
  if (trail.refused) {
    log.warn('The audit store refused the record of a write, so the write did not run', { status });
    return;
  }
  const time = trail.reservation ? trail.startedAt : new Date();
  try {
    await deps.recordAudit(auditEventOf(operation.operationId, request, status, correlationId, notes, time), trail.reservation);
  } catch (error) {
    log.error('Could not write the audit record', { error: describe(error), pendingRecordId: trail.reservation?.id });
  }
}

function parsePart(schema: z.ZodType | undefined, value: unknown, part: string): unknown {
  return schema ? parseOrThrow(schema, value, part) : value;
}

async function parseBody(schema: z.ZodType | undefined, request: HttpRequest, bodyCheck: 'strict' | 'checked'): Promise<unknown> {
  if (!schema) return undefined;
  const text = await readBodyText(request);
  if (text.trim() === '') {
    throw new ValidationError('The request body is required.', [{ path: '', code: 'required', message: 'A JSON body is required.' }]);
  }
  const contentType = request.headers.get('content-type') ?? '';
  if (contentType && !/\bjson\b/i.test(contentType)) {
    throw new UnsupportedMediaTypeError(`Content-Type "${contentType}" is not JSON; send application/json.`);
  }
  const json = parseStrictJson(text);
  return bodyCheck === 'checked' ? checkBody(schema, json) : parseOrThrow(schema, json, 'body');
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
