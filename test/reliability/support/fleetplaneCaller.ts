import { randomUUID } from 'node:crypto';

export interface CallResult {
  status: number;
  headers: Headers;
  body: any;
  correlationId: string;
  elapsedMs: number;
}

/** Calls a local host's API with a bearer token, as a client would, and times the answer. */
export function fleetplaneCaller(origin: () => string) {
  return async function call(method: string, route: string, bearer: string | undefined, body?: unknown, headers: Record<string, string> = {}): Promise<CallResult> {
    const correlationId = `rel-${randomUUID()}`;
    const started = performance.now();
    const response = await fetch(`${origin()}/api/${route}`, {
      method,
      headers: {
        'x-correlation-id': correlationId,
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
      correlationId,
      elapsedMs: performance.now() - started,
    };
  };
}

/** Every audit record with this correlation id (the caller must hold audit.list). */
export async function auditRecordsOf(call: ReturnType<typeof fleetplaneCaller>, bearer: string, correlationId: string) {
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const page = await call('GET', `auditEvents?pageSize=200&from=${from}`, bearer);
  if (page.status !== 200) throw new Error(`auditEvents answered ${page.status}`);
  return (page.body.value as { correlationId: string; outcome: string; status: number; decision: string }[]).filter(
    (event) => event.correlationId === correlationId,
  );
}
