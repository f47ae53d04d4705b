import http from 'node:http';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { DEV_TENANT_ID, type RunningDevIssuer } from '../../../local/dev-issuer';
import { SUB } from '../../emulator/harness';
import { startFleetStack } from '../../support/fleetStack';
import type { StartedHost } from '../../support/localHost';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

/** The local host in front of the AKS emulator with dev-issuer tokens: what a bad-input probe goes through. */
export interface SecurityStack {
  host: StartedHost;
  emulator: RunningAksEmulator;
  issuer: RunningDevIssuer;
  owner: string;
  stop(): Promise<void>;
}

export const AUDIENCE = 'api://fleetplane-security';
export const OWNER_OID = '5ec00000-0000-4000-8000-000000000001';
export const SUBSCRIPTION = SUB;

/** Azurite comes from the suite (its connection string is injected by the global setup). */
export async function startSecurityStack(): Promise<SecurityStack> {
  const stack = await startFleetStack({
    audience: AUDIENCE,
    env: () => ({
      FLEETPLANE_BOOTSTRAP_OWNERS: `user:${OWNER_OID}@${DEV_TENANT_ID}`,
      // Probes come in bursts from one caller, and invalid bodies are judged against the live cluster (an ARM read
      // each): a 429 from the read budget would leave a probe unexercised. The budget has its own test.
      FLEETPLANE_ARM_READ_BUCKET: '100000',
    }),
  });
  const owner = await stack.token({ role: 'Owner', oid: OWNER_OID });
  return { host: stack.host, emulator: stack.emulator, issuer: stack.issuer, owner, stop: stack.stop };
}

const agent = new http.Agent({ keepAlive: true });

/**
 * One request with the path sent exactly as written (no client-side `..` folding, no re-encoding), headers
 * as given (an array value is sent as repeated lines) and the body either with Content-Length or chunked.
 */
export function rawRequest(
  origin: string,
  options: { method: string; path: string; headers?: Record<string, string | string[]>; body?: string | Buffer; chunked?: boolean },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const url = new URL(origin);
    const request = http.request({ host: url.hostname, port: url.port, method: options.method, path: options.path, agent });
    for (const [name, value] of Object.entries(options.headers ?? {})) request.setHeader(name, value);
    if (options.body !== undefined && !options.chunked) request.setHeader('content-length', Buffer.byteLength(options.body));
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
      });
    });
    if (options.body !== undefined && options.chunked) {
      const body = Buffer.from(options.body);
      for (let at = 0; at < body.length; at += 64 * 1024) request.write(body.subarray(at, at + 64 * 1024));
    } else if (options.body !== undefined) {
      request.write(options.body);
    }
    request.end();
  });
}

export function jsonRequest(stack: SecurityStack, method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return rawRequest(stack.host.origin, {
    method,
    path: `/api/${route}`,
    headers: { authorization: `Bearer ${stack.owner}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

/** The field paths a 400 problem names. */
export function fieldsNamed(answer: RawAnswer): string[] {
  return ((answer.json?.errors as { path: string }[] | undefined) ?? []).map((issue) => issue.path);
}
