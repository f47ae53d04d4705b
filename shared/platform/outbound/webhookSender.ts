import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkWebhookUrl, type AddressPolicy } from '../../domain/webhooks';
import { ForbiddenAddressError, guardedLookup, systemResolver, type HostResolver } from './guardedLookup';

/** What one delivery attempt came to. Response bodies are never kept: receivers' words do not travel further. */
export type SendOutcome =
  | { kind: 'answered'; status: number; durationMs: number; retryAfterSeconds?: number }
  | { kind: 'failed'; reason: SendFailure; message: string; durationMs: number };

export type SendFailure = 'forbiddenAddress' | 'invalidUrl' | 'connectTimeout' | 'timeout' | 'connection' | 'tls';

export interface WebhookSenderOptions {
  policy: AddressPolicy;
  /** Bound on resolving and connecting (TLS handshake included). */
  connectTimeoutMs: number;
  /** Bound on the whole attempt, the answer's status line included. */
  totalTimeoutMs: number;
  resolver?: HostResolver;
  /** At most this much of a response body is read (then the connection is dropped). */
  maxResponseBytes?: number;
  /** Tests only: trust this CA for https receivers. */
  ca?: string | Buffer;
}

const DEFAULT_MAX_RESPONSE_BYTES = 4096;

/**
 * POSTs a webhook without letting it reach inside the network: the URL is checked again (scheme, literal
 * addresses), a host name is resolved by a guarded lookup at connect time, no connection is reused (each one is
 * checked), redirects are not followed (a 3xx is an answer like any other), timeouts are short, and the response
 * body is read up to a small cap and thrown away.
 */
export class WebhookSender {
  private readonly resolver: HostResolver;

  constructor(private readonly options: WebhookSenderOptions) {
    this.resolver = options.resolver ?? systemResolver;
  }

  async post(url: string, headers: Record<string, string>, body: string): Promise<SendOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const checked = checkWebhookUrl(url, this.options.policy);
    if (!checked.ok) return { kind: 'failed', reason: checked.code === 'forbidden_address' ? 'forbiddenAddress' : 'invalidUrl', message: checked.message, durationMs: elapsed() };
    try {
      const { status, retryAfterSeconds } = await this.send(checked.url, headers, body);
      return { kind: 'answered', status, durationMs: elapsed(), ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
    } catch (error) {
      const { reason, message } = describeFailure(error);
      return { kind: 'failed', reason, message, durationMs: elapsed() };
    }
  }

  private send(url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; retryAfterSeconds?: number }> {
    const payload = Buffer.from(body, 'utf8');
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const signal = AbortSignal.timeout(this.options.totalTimeoutMs);
      const outgoing: ClientRequest = request(url, {
        method: 'POST',
        agent: false,
        lookup: guardedLookup(this.resolver, this.options.policy),
        signal,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length), connection: 'close' },
        ...(this.options.ca ? { ca: this.options.ca } : {}),
      });
      const connectTimer = setTimeout(
        () => outgoing.destroy(Object.assign(new Error('no connection within the connect timeout'), { code: 'ECONNECTTIMEOUT' })),
        this.options.connectTimeoutMs,
      );
      outgoing.once('socket', (socket) => {
        socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
      });
      outgoing.once('response', (response) => {
        clearTimeout(connectTimer);
        this.drainCapped(response, outgoing);
        const retryAfterSeconds = parseRetryAfterSeconds(response.headers['retry-after'], Date.now());
        resolve({ status: response.statusCode ?? 0, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });
      });
      outgoing.once('error', (error) => {
        clearTimeout(connectTimer);
        reject(signal.aborted ? Object.assign(new Error('no answer within the timeout'), { code: 'ETIMEDOUT' }) : error);
      });
      outgoing.end(payload);
    });
  }

  private drainCapped(response: IncomingMessage, outgoing: ClientRequest): void {
    const cap = this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    let read = 0;
    response.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (read > cap) outgoing.destroy();
    });
    response.on('error', () => undefined);
  }
}

/** Retry-After as delay-seconds or an HTTP date; undefined when absent or unreadable. */
function parseRetryAfterSeconds(value: string | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  if (/^\d{1,9}$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

function describeFailure(error: unknown): { reason: SendFailure; message: string } {
  if (error instanceof ForbiddenAddressError) return { reason: 'forbiddenAddress', message: error.message };
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNECTTIMEOUT') return { reason: 'connectTimeout', message: 'no connection within the connect timeout' };
  if (code === 'ETIMEDOUT' || code === 'ABORT_ERR') return { reason: 'timeout', message: 'no answer within the timeout' };
  if (typeof code === 'string' && (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'EPROTO')) {
    return { reason: 'tls', message: `TLS failed (${code})` };
  }
  return { reason: 'connection', message: typeof code === 'string' ? `connection failed (${code})` : 'connection failed' };
}
