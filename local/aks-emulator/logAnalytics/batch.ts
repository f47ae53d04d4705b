import { invalidRequestBody, pathNotFoundBody } from './errorEnvelopes';
import { executeQuery, type QueryExecutionDependencies } from './executeQuery';
import { parsePrefer } from './preferHeader';

interface BatchEntry {
  readonly id: string;
  readonly workspace: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/**
 * `POST /v1/$batch`: `{"requests":[{id, workspace, path:"/query", method:"POST", headers, body}]}` answered with
 * `{"responses":[{id, status, body}]}` in request order; each entry succeeds or fails on its own.
 */
export function executeBatch(
  requestBody: unknown,
  deps: QueryExecutionDependencies,
  correlationId: string,
): { status: number; body: unknown } {
  const entries = readEntries(requestBody);
  if (typeof entries === 'string')
    return { status: 400, body: invalidRequestBody('InvalidBatchRequest', entries, correlationId) };
  const responses = entries.map((entry) => {
    if (!/^\/(v1\/)?query$/i.test(entry.path)) {
      return { id: entry.id, status: 404, body: pathNotFoundBody(entry.path, correlationId) };
    }
    const prefer = parsePrefer(
      Object.entries(entry.headers).find(([name]) => name.toLowerCase() === 'prefer')?.[1],
    );
    const outcome = executeQuery(entry.workspace, entry.body, prefer, deps, correlationId);
    return { id: entry.id, status: outcome.status, body: outcome.body };
  });
  return { status: 200, body: { responses } };
}

function readEntries(body: unknown): BatchEntry[] | string {
  const requests =
    typeof body === 'object' && body !== null ? (body as { requests?: unknown }).requests : undefined;
  if (!Array.isArray(requests) || requests.length === 0)
    return 'The batch must carry a non-empty list of requests';
  const entries: BatchEntry[] = [];
  for (const request of requests as unknown[]) {
    const { id, workspace, path, headers, body: entryBody } = (request ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || typeof workspace !== 'string')
      return 'Every batch request needs an id and a workspace';
    entries.push({
      id,
      workspace,
      path: typeof path === 'string' ? path : '/query',
      headers: typeof headers === 'object' && headers !== null ? (headers as Record<string, string>) : {},
      body: entryBody,
    });
  }
  return entries;
}
