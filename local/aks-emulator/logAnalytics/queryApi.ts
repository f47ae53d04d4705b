import { randomUUID } from 'node:crypto';
import { executeBatch } from './batch';
import { invalidRequestBody, pathNotFoundBody, type ErrorBody } from './errorEnvelopes';
import { executeQuery, executeResourceQuery, type QueryExecutionDependencies, type TablesFor, type WorkspacesOfResource } from './executeQuery';
import { parsePrefer } from './preferHeader';
import { QueryFaults } from './queryFaults';
import { SERVICE_RESULT_LIMITS, type ResultLimits } from './resultLimits';
import { RowCache } from './rowCache';
import { analyzeQuery } from './kql/analyzeQuery';
import { LOG_TABLES } from './tables';

export interface LogAnalyticsRequest {
  readonly method: string;
  /** The request target: path and optional query string, e.g. "/v1/workspaces/{id}/query". */
  readonly path: string;
  /** Node's `IncomingHttpHeaders` fit (names in lower case). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The JSON body, parsed or as text; undefined when there is none. */
  readonly body: unknown;
}

export interface LogAnalyticsResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export interface LogAnalyticsApiOptions {
  /** The logs of a workspace, or undefined when it does not exist. */
  readonly tablesFor: TablesFor;
  /** The server clock; default the wall clock. Pass the emulator's virtual clock. */
  readonly now?: () => number;
  /** Default: the service's 500,000 records and 64,000,000 bytes. */
  readonly limits?: ResultLimits;
  /**
   * The workspaces holding rows of a resource: turns on resource-context queries (`/v1/{resourceId}/query`),
   * which see only that resource's rows. Without it those paths are not served (404).
   */
  readonly workspacesOfResource?: WorkspacesOfResource;
}

export interface LogAnalyticsApi {
  handle(request: LogAnalyticsRequest): LogAnalyticsResponse;
  /**
   * Loads the Kusto parser and analyses a first query (seconds of CPU, once per process), so that the first real
   * request does not pay for it. Optional: call it when the emulator starts.
   */
  warmUp(): void;
  /** Inject server timeouts and partial failures. */
  readonly faults: QueryFaults;
}

const WORKSPACE_QUERY = /^(?:\/v1)?\/workspaces\/([^/]+)\/query\/?$/i;
const BATCH = /^(?:\/v1)?\/\$batch\/?$/i;
/** `/v1/subscriptions/…/query`; more than one slash before `subscriptions` is a malformed path (see below). */
const RESOURCE_QUERY = /^(?:\/v1)?(\/+)(subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/[^/]+\/.+?)\/query\/?$/i;

/** True for the paths this API serves, so a server can route them here with one check. */
export function isLogAnalyticsPath(path: string): boolean {
  const pathname = pathOf(path).replace(/\/{2,}/g, '/');
  return WORKSPACE_QUERY.test(pathname) || BATCH.test(pathname) || RESOURCE_QUERY.test(pathname);
}

/**
 * The Log Analytics query API (api.loganalytics.io): `POST|GET /v1/workspaces/{id}/query` — also without `/v1`,
 * which is where `LogsQueryClient` goes when given a custom endpoint — and `POST /v1/$batch`. Requests need a
 * bearer token (any); `Prefer: wait=N, include-statistics=true` is honoured.
 */
export function createLogAnalyticsApi(options: LogAnalyticsApiOptions): LogAnalyticsApi {
  const faults = new QueryFaults();
  const deps: QueryExecutionDependencies = {
    tablesFor: options.tablesFor,
    now: options.now ?? (() => Date.now()),
    faults,
    limits: options.limits ?? SERVICE_RESULT_LIMITS,
    rowCache: new RowCache(),
    ...(options.workspacesOfResource ? { workspacesOfResource: options.workspacesOfResource } : {}),
  };
  return {
    faults,
    handle: (request) => handle(request, deps),
    warmUp: () => analyzeQuery('KubeEvents | take 1', LOG_TABLES),
  };
}

function handle(request: LogAnalyticsRequest, deps: QueryExecutionDependencies): LogAnalyticsResponse {
  const correlationId = randomUUID();
  const respond = (status: number, body: unknown): LogAnalyticsResponse => ({
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-ms-request-id': correlationId,
      'x-ms-correlation-request-id': correlationId,
    },
    body,
  });
  if (!/^bearer\s+\S/i.test(headerValue(request.headers, 'authorization') ?? '')) {
    return respond(401, authenticationRequired(correlationId));
  }
  const url = new URL(request.path, 'https://api.loganalytics.invalid');
  const method = request.method.toUpperCase();
  // Repeated slashes are forgiven everywhere except before a resource id (see RESOURCE_QUERY's use).
  const pathname = url.pathname.replace(/\/{2,}/g, '/');
  const workspace = WORKSPACE_QUERY.exec(pathname);
  if (workspace && (method === 'POST' || method === 'GET')) {
    const body = method === 'GET' ? queryStringBody(url.searchParams) : parseBody(request.body);
    if (body === INVALID_JSON)
      return respond(
        400,
        invalidRequestBody('InvalidRequestBody', 'The request body is not valid JSON', correlationId),
      );
    const prefer = parsePrefer(request.headers['prefer']);
    const outcome = executeQuery(decodeURIComponent(workspace[1]!), body, prefer, deps, correlationId);
    return respond(outcome.status, outcome.body);
  }
  const resource = RESOURCE_QUERY.exec(url.pathname);
  if (resource && method === 'POST' && deps.workspacesOfResource) {
    // `@azure/monitor-query-logs` 1.0.0 sends `/v1//subscriptions/…` for an id with a leading slash; the service
    // answers that with 403 InsufficientAccessError (Azure/azure-sdk-for-js#39415), and so does the emulator.
    if (resource[1]!.length > 1) return respond(403, insufficientAccess(correlationId));
    const body = parseBody(request.body);
    if (body === INVALID_JSON)
      return respond(400, invalidRequestBody('InvalidRequestBody', 'The request body is not valid JSON', correlationId));
    const prefer = parsePrefer(request.headers['prefer']);
    const resourceDeps = { ...deps, workspacesOfResource: deps.workspacesOfResource };
    const outcome = executeResourceQuery(decodeURIComponent(resource[2]!), body, prefer, resourceDeps, correlationId);
    return respond(outcome.status, outcome.body);
  }
  if (BATCH.test(pathname) && method === 'POST') {
    const body = parseBody(request.body);
    if (body === INVALID_JSON)
      return respond(
        400,
        invalidRequestBody('InvalidRequestBody', 'The request body is not valid JSON', correlationId),
      );
    const outcome = executeBatch(body, deps, correlationId);
    return respond(outcome.status, outcome.body);
  }
  return respond(404, pathNotFoundBody(pathname, correlationId));
}

function authenticationRequired(correlationId: string): ErrorBody {
  return {
    error: {
      message: 'Valid authentication was not provided',
      code: 'AuthorizationRequiredError',
      correlationId,
    },
  };
}

function insufficientAccess(correlationId: string): ErrorBody {
  return {
    error: {
      message: 'The provided credentials have insufficient access to perform the requested operation',
      code: 'InsufficientAccessError',
      correlationId,
    },
  };
}

const INVALID_JSON = Symbol('invalid JSON');

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return INVALID_JSON;
  }
}

/** `GET …/query?query=…&timespan=…` */
function queryStringBody(params: URLSearchParams): unknown {
  return { query: params.get('query') ?? undefined, timespan: params.get('timespan') ?? undefined };
}

function headerValue(headers: LogAnalyticsRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function pathOf(target: string): string {
  return new URL(target, 'https://api.loganalytics.invalid').pathname;
}
