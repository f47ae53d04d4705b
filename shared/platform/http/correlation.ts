import { randomUUID } from 'node:crypto';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The caller's `x-correlation-id`, else the trace id of a W3C `traceparent`, else a new id. */
export function correlationIdFrom(headers: { get(name: string): string | null }): string {
  const given = headers.get('x-correlation-id')?.trim();
  if (given && SAFE_ID.test(given)) return given;
  const trace = TRACEPARENT.exec(headers.get('traceparent')?.trim().toLowerCase() ?? '');
  if (trace && !/^0+$/.test(trace[1]!)) return trace[1]!;
  return randomUUID();
}
