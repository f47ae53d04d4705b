import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ArmError } from '../errors';
import type { EmulatorControls } from '../controls';
import type { Fleet } from '../engine/fleet';
import type { FaultInjector } from '../engine/faults';
import type { ArmContext } from './armRoutes';
import type { Authenticator } from './auth';
import type { ArmThrottling, RequestKind } from './armThrottling';
import type { RequestCounters } from './counters';
import type { WorkloadSimulation } from '../workload/workloadSimulation';
import { isLogAnalyticsPath, type LogAnalyticsApi } from '../logAnalytics';
import { serveLogAnalytics } from './logAnalyticsMount';
import { readBodyText } from './requestBody';
import type { ArmResponse, RequestContext, Router } from './router';

export interface ServerDependencies {
  fleet: Fleet;
  workload: WorkloadSimulation;
  controls: EmulatorControls;
  faults: FaultInjector;
  counters: RequestCounters;
  throttling: ArmThrottling;
  /** Writes answered 2xx: what ARM took, as opposed to what it was sent. */
  appliedWrites: RequestCounters;
  authenticate: Authenticator;
  armRouter: Router<ArmContext>;
  adminRouter: Router<EmulatorControls>;
  supportedApiVersions: readonly string[];
  publicBaseUrl: () => string;
  retryAfterSeconds?: number;
  pageSize: number;
  logAnalytics: LogAnalyticsApi;
}

export function createRequestListener(deps: ServerDependencies): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req)
      .then((response) => send(req, res, response))
      .catch((error: unknown) => send(req, res, toErrorResponse(error)));
  };
}

async function handle(deps: ServerDependencies, req: IncomingMessage): Promise<ArmResponse> {
  deps.counters.noteRequest();
  const method = (req.method ?? 'GET').toUpperCase();
  // A leading "//" (deprecated clients) would otherwise be parsed as a host name.
  const url = new URL((req.url ?? '/').replace(/^\/+/, '/'), 'https://emulator.invalid');
  const path = url.pathname.replace(/\/{2,}/g, '/');
  if (method === 'GET' && path.toLowerCase() === '/_emulator/health') {
    return { status: 200, body: { status: 'ok', baseUrl: deps.publicBaseUrl(), now: deps.fleet.clock.nowIso() } };
  }
  // The virtual clock is read without a token, like health: Fleetplane's virtualClock (local mode) asks it every cycle.
  if (method === 'GET' && path.toLowerCase() === '/_emulator/clock') return { status: 200, body: { now: deps.controls.now() } };
  // The query API gets the path as sent: it tells `/v1//subscriptions/…` apart, as the service does.
  if (isLogAnalyticsPath(path)) return serveLogAnalytics(deps.logAnalytics, deps.counters, req, method, { path: url.pathname, search: url.search });
  const body = await readJsonBody(req);
  await deps.authenticate(header(req, 'authorization'));
  const request: RequestContext = { method, path, params: {}, query: url.searchParams, headers: req.headers, body, apiVersion: url.searchParams.get('api-version') ?? '' };

  if (path.toLowerCase().startsWith('/_emulator/')) {
    const match = deps.adminRouter.match(method, path);
    if (!('route' in match)) throw notFound(method, path, match.pathMatched);
    return match.route.handler({ ...request, params: match.params }, deps.controls);
  }

  const match = deps.armRouter.match(method, path);
  const apiVersions = ('route' in match ? match.route.apiVersions : undefined) ?? deps.supportedApiVersions;
  checkApiVersion(request.apiVersion, apiVersions, url.searchParams.has('api-version'));
  if (!('route' in match)) throw notFound(method, path, match.pathMatched);
  deps.counters.increment(match.route.operation);
  const subscription = match.params['sub'];
  const rateHeaders = subscription === undefined ? {} : admit(deps, subscription, requestKind(method, match.route.write));
  deps.fleet.operations.tick();

  const fault = deps.faults.apply(match.route.operation);
  if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
  if (fault.hangMs !== undefined) {
    await holdUntilClientLeaves(req, fault.hangMs);
    throw new ArmError(504, 'GatewayTimeout', 'The gateway did not receive a response within the specified time period.');
  }
  if (fault.error) return { ...toErrorResponse(fault.error), headers: { ...fault.error.headers, ...rateHeaders } };

  const context: ArmContext = {
    fleet: deps.fleet,
    workload: deps.workload,
    publicBaseUrl: deps.publicBaseUrl(),
    pageSize: deps.pageSize,
    ...(deps.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: deps.retryAfterSeconds }),
    ...(fault.lroFailure ? { injectedFailure: fault.lroFailure } : {}),
  };
  try {
    const response = await match.route.handler({ ...request, params: match.params }, context);
    if (match.route.write && response.status < 300) deps.appliedWrites.increment(match.route.operation);
    if (fault.responseDelayMs > 0) await holdUntilClientLeaves(req, fault.responseDelayMs);
    return { ...response, headers: { ...response.headers, ...rateHeaders } };
  } catch (error) {
    const response = toErrorResponse(error);
    return { ...response, headers: { ...response.headers, ...rateHeaders } };
  }
}

/** ARM's subscription throttling, before the resource provider sees the request; throttled requests are counted. */
function admit(deps: ServerDependencies, subscription: string, kind: RequestKind): Record<string, string> {
  try {
    return deps.throttling.admit(subscription, kind);
  } catch (error) {
    deps.counters.increment('arm.throttled');
    throw error;
  }
}

function requestKind(method: string, write: boolean | undefined): RequestKind {
  if (method === 'DELETE') return 'deletes';
  return write ? 'writes' : 'reads';
}

/** Waits `ms` (Infinity: for ever), or until the client closes the connection. */
function holdUntilClientLeaves(req: IncomingMessage, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    req.socket.once('close', done);
    function done() {
      if (timer) clearTimeout(timer);
      req.socket.off('close', done);
      resolve();
    }
  });
}

function checkApiVersion(apiVersion: string, supported: readonly string[], present: boolean): void {
  if (!present || apiVersion === '') {
    throw new ArmError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
  }
  if (!supported.includes(apiVersion)) {
    throw new ArmError(
      400,
      'InvalidApiVersionParameter',
      `The api-version '${apiVersion}' is invalid. The supported versions are '${supported.join(',')}'.`,
    );
  }
}

function notFound(method: string, path: string, pathMatched: boolean): ArmError {
  if (pathMatched) return new ArmError(405, 'MethodNotAllowed', `The HTTP method '${method}' is not supported for path '${path}'.`);
  return new ArmError(404, 'InvalidResourceType', `The resource type could not be found for path '${path}'.`);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBodyText(req);
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized: the body is not valid JSON.');
  }
}

export function toErrorResponse(error: unknown): ArmResponse {
  if (error instanceof ArmError) return { status: error.status, body: error.toBody(), headers: error.headers };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { error: { code: 'InternalServerError', message: `The emulator failed to handle the request: ${message}` } } };
}

function send(req: IncomingMessage, res: ServerResponse, response: ArmResponse): void {
  const requestId = randomUUID();
  const correlation = header(req, 'x-ms-correlation-request-id') ?? header(req, 'x-ms-client-request-id') ?? requestId;
  const headers: Record<string, string> = {
    'x-ms-request-id': requestId,
    'x-ms-correlation-request-id': correlation,
    ...(header(req, 'x-ms-client-request-id') === undefined ? {} : { 'x-ms-client-request-id': header(req, 'x-ms-client-request-id') ?? '' }),
    ...response.headers,
  };
  const hasBody = response.body !== undefined && response.status !== 204;
  const payload = hasBody ? JSON.stringify(response.body) : '';
  if (hasBody) headers['content-type'] = 'application/json; charset=utf-8';
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}
