import type * as CoreRestPipeline from '@azure/core-rest-pipeline';
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import { armCallDeadline, ArmDeadlineExceededError, ArmRetryAfterBeyondDeadlineError } from './armDeadline';
import { parseRetryAfter } from '../azure/restErrors';

export interface ArmDeadlineSettings {
  /** Bound on each HTTP try. */
  tryTimeoutMs: number;
  /** Bound on one call: every try and every wait between tries. */
  callDeadlineMs: number;
}

interface CallInFlight {
  deadlineAt: number;
  /** Whether the latest try got an HTTP answer: a deadline that strikes while waiting to retry then proves ARM took nothing. */
  lastTryAnswered: boolean;
}

/** Each call in flight, set by the call policy and updated inside the retry loop. */
const calls = new WeakMap<PipelineRequest, CallInFlight>();

/**
 * Outside the SDK's retry policy: aborts the whole call (tries and the waits between them) at its deadline,
 * and reports that as ArmDeadlineExceededError rather than as a caller's abort.
 */
export function armCallDeadlinePolicy(settings: ArmDeadlineSettings): PipelinePolicy {
  return {
    name: 'fleetplaneArmCallDeadline',
    async sendRequest(request, next) {
      const started = Date.now();
      const deadlineAt = armCallDeadline(settings.callDeadlineMs, started);
      if (deadlineAt <= started) throw new ArmDeadlineExceededError(0, { requestSent: false });
      const callerSignal = request.abortSignal;
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), deadlineAt - started);
      const forwardAbort = () => deadline.abort();
      if (callerSignal?.aborted) deadline.abort();
      callerSignal?.addEventListener('abort', forwardAbort);
      request.abortSignal = deadline.signal;
      const call: CallInFlight = { deadlineAt, lastTryAnswered: false };
      calls.set(request, call);
      try {
        return await next(request);
      } catch (error) {
        if (deadline.signal.aborted && !callerSignal?.aborted) {
          throw new ArmDeadlineExceededError(deadlineAt - started, { cause: error, requestSent: !call.lastTryAnswered });
        }
        throw error;
      } finally {
        clearTimeout(timer);
        callerSignal?.removeEventListener('abort', forwardAbort);
        request.abortSignal = callerSignal;
        calls.delete(request);
      }
    },
  };
}

/**
 * Inside the retry loop, around each try: bounds the try (a timed-out read becomes a retryable ETIMEDOUT; a
 * timed-out write is not retried, since ARM may have taken it), and refuses a Retry-After that ends past the
 * call's deadline, so that the SDK never sleeps for it.
 */
export function armTryDeadlinePolicy(settings: ArmDeadlineSettings): PipelinePolicy {
  return {
    name: 'fleetplaneArmTryDeadline',
    async sendRequest(request, next) {
      const call = calls.get(request) ?? { deadlineAt: Date.now() + settings.callDeadlineMs, lastTryAnswered: false };
      const { deadlineAt } = call;
      request.timeout = Math.max(1, Math.min(settings.tryTimeoutMs, deadlineAt - Date.now()));
      call.lastTryAnswered = false;
      let response: PipelineResponse;
      try {
        response = await next(request);
        call.lastTryAnswered = true;
      } catch (error) {
        if (isAbort(error) && !request.abortSignal?.aborted && isSafeMethod(request.method)) throw tryTimedOut(request, error);
        throw error;
      }
      const retryAfterMs = retryAfterMsOf(response);
      if (retryAfterMs !== undefined && Date.now() + retryAfterMs >= deadlineAt) {
        throw new ArmRetryAfterBeyondDeadlineError(response.status, armErrorCodeOf(response), Math.max(1, Math.ceil(retryAfterMs / 1000)), response);
      }
      return response;
    },
  };
}

/** A try cut by its timeout, as the SDK's retry strategy recognises a retryable network failure. */
function tryTimedOut(request: PipelineRequest, cause: unknown): Error {
  // Loaded here, not at module load: the ARM SDK (and this package with it) loads lazily.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RestError } = require('@azure/core-rest-pipeline') as typeof CoreRestPipeline;
  const error = new RestError(`Azure Resource Manager did not answer within the try timeout of ${request.timeout} ms.`, { code: 'ETIMEDOUT', request });
  return Object.assign(error, { cause });
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

/** The wait ARM asks for on a 429 or 503, from the same headers the SDK's throttling retry reads. */
function retryAfterMsOf(response: PipelineResponse): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = Number(response.headers.get(name));
    if (response.headers.has(name) && Number.isFinite(value)) return Math.max(0, value);
  }
  const seconds = parseRetryAfter(response.headers.get('retry-after'));
  return seconds === undefined ? undefined : seconds * 1000;
}

function armErrorCodeOf(response: PipelineResponse): string {
  try {
    const code = (JSON.parse(response.bodyAsText ?? '') as { error?: { code?: unknown } }).error?.code;
    if (typeof code === 'string') return code;
  } catch {
    // not a JSON error body
  }
  return response.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable';
}
