import { randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { resolveRoute, type HttpFunction } from './httpFunctions';
import { createLogHandler, type LogSink } from './invocationLog';
import { writeFunctionResult } from './responseWriter';

export interface HostKeys {
  enforce: boolean;
  functionKey?: string | undefined;
  masterKey?: string | undefined;
}

export interface HttpHostOptions {
  functions: HttpFunction[];
  host: string;
  port: number;
  keys: HostKeys;
  logSink?: LogSink;
}

export interface RunningHttpHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 100 * 1024 * 1024;

export async function startHttpHost(options: HttpHostOptions): Promise<RunningHttpHost> {
  const server = http.createServer((req, res) => {
    handle(options, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
      process.stderr.write(`local host: unhandled error: ${String(error)}\n`);
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(options: HttpHostOptions, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? `${options.host}`}`);
  const resolution = resolveRoute(options.functions, method, url.pathname);
  if (resolution.kind === 'notFound') return writePlain(res, 404);
  if (resolution.kind === 'methodNotAllowed') {
    return writePlain(res, 405, { allow: resolution.allowed.join(', ') });
  }
  const { fn, params } = resolution;
  if (!isAuthorizedByKey(fn, req, url, options.keys)) return writePlain(res, 401);

  const body = hasBody(req) ? await readBody(req) : EMPTY_BODY;
  if (body === 'tooLarge') return writePlain(res, 413);
  const request = new HttpRequest({
    method,
    url: url.toString(),
    headers: headersAsTheHostPresentsThem(req.headersDistinct),
    params,
    ...(body.length > 0 && method !== 'GET' && method !== 'HEAD' ? { body: { bytes: body } } : {}),
  });
  const invocationId = randomUUID();
  const context = new InvocationContext({
    invocationId,
    functionName: fn.name,
    logHandler: createLogHandler({ functionName: fn.name, invocationId }, options.logSink),
    traceContext: { traceParent: req.headers.traceparent as string | undefined, attributes: {} },
    options: { trigger: { type: 'httpTrigger', name: 'httpTrigger1' }, extraInputs: [], extraOutputs: [] },
  });
  let result: unknown;
  try {
    result = await fn.handler(request, context);
  } catch (error) {
    context.error(`Function "${fn.name}" threw: ${String(error)}`);
    return writePlain(res, 500);
  }
  await writeFunctionResult(res, result, method);
}

function writePlain(res: http.ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

/**
 * One value per header name, as the Functions host hands a request to the worker: every line of a repeated
 * header, joined with "," and empty lines skipped (ASP.NET Core's StringValues.ToString() in the host's RPC
 * conversion). Node's own `req.headers` would keep only the first Authorization line and hide the repeat.
 */
function headersAsTheHostPresentsThem(headers: NodeJS.Dict<string[]>): Record<string, string> {
  const presented: Record<string, string> = {};
  for (const [name, lines] of Object.entries(headers)) {
    if (!lines) continue;
    presented[name] = lines.length === 1 ? lines[0]! : lines.filter((line) => line !== '').join(',');
  }
  return presented;
}

const EMPTY_BODY = new Uint8Array(0);

/** RFC 9112 §6.3: a request carries a body only when it says so with Content-Length or Transfer-Encoding. */
function hasBody(req: http.IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

async function readBody(req: http.IncomingMessage): Promise<Uint8Array | 'tooLarge'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return 'tooLarge';
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function isAuthorizedByKey(fn: HttpFunction, req: http.IncomingMessage, url: URL, keys: HostKeys): boolean {
  if (!keys.enforce || fn.authLevel === 'anonymous') return true;
  const presented = headerValue(req.headers['x-functions-key']) ?? url.searchParams.get('code') ?? undefined;
  if (!presented) return false;
  const accepted = fn.authLevel === 'admin' ? [keys.masterKey] : [keys.functionKey, keys.masterKey];
  return accepted.some((key) => key !== undefined && constantTimeEquals(key, presented));
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function constantTimeEquals(expected: string, presented: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
