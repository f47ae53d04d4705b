import {
  RestError,
  type PipelinePolicy,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import { boundedSignal } from './boundedSignal';
import { isUnavailableStatus, storageUnavailableError, translateStorageFailure } from './storageUnavailable';

/**
 * Bounds on a storage call. Without them a frozen storage endpoint (accepting connections, never answering)
 * holds a request for as long as the socket lives, and the SDK's default retries add minutes.
 */
export interface StorageDeadlines {
  /** One call, retries included. */
  timeoutMs: number;
  /** One try; a try that runs out is retried while the call's deadline allows. */
  tryTimeoutMs: number;
}

/** Short SDK back-off, so that a retry can still happen inside the call's deadline. */
export const STORAGE_RETRY_OPTIONS = { maxRetries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 } as const;

/**
 * Runs once per call, outside the SDK's retries: the call's deadline, and the storage adapter boundary where
 * "storage cannot answer" (no response, a try or call timeout, 408, 429, 5xx) becomes DependencyUnavailableError
 * (→ 503 + Retry-After). Other answers (404, 409, 412, ...) pass through unchanged. A caller's own abort too.
 */
export function storageDeadlinePolicy(timeoutMs: number): PipelinePolicy {
  return {
    name: 'fleetplaneStorageDeadline',
    async sendRequest(request, next) {
      const callerSignal = request.abortSignal;
      const deadline = boundedSignal(callerSignal, timeoutMs);
      request.abortSignal = deadline.signal;
      try {
        const response = await next(request);
        if (isUnavailableStatus(response.status)) throw storageUnavailableError(`HTTP ${response.status}`);
        return response;
      } catch (error) {
        if (callerSignal?.aborted) throw error;
        if (deadline.timedOut()) throw storageUnavailableError(`no answer within ${timeoutMs} ms`);
        throw translateStorageFailure(error);
      } finally {
        deadline.dispose();
        request.abortSignal = callerSignal;
      }
    },
  };
}

/**
 * Runs once per try, inside the SDK's retries: a try without an answer in time is cut off and reported as a
 * socket timeout (ETIMEDOUT), which the SDK's retry strategy retries like a dropped connection.
 */
export function storageTryTimeoutPolicy(tryTimeoutMs: number): PipelinePolicy {
  return { name: 'fleetplaneStorageTryTimeout', sendRequest: (request, next) => sendWithTryTimeout(request, tryTimeoutMs, next) };
}

async function sendWithTryTimeout(
  request: PipelineRequest,
  tryTimeoutMs: number,
  send: (request: PipelineRequest) => Promise<PipelineResponse>,
): Promise<PipelineResponse> {
  const callSignal = request.abortSignal;
  const tryDeadline = boundedSignal(callSignal, tryTimeoutMs);
  request.abortSignal = tryDeadline.signal;
  try {
    return await send(request);
  } catch (error) {
    if (!tryDeadline.timedOut() || callSignal?.aborted) throw error;
    throw new RestError(`No answer from storage within ${tryTimeoutMs} ms`, { code: 'ETIMEDOUT', request });
  } finally {
    tryDeadline.dispose();
    request.abortSignal = callSignal;
  }
}

/** The client options that give a Table client these deadlines. */
export function tableClientDeadlineOptions(deadlines: StorageDeadlines) {
  return {
    retryOptions: STORAGE_RETRY_OPTIONS,
    additionalPolicies: [
      { policy: storageDeadlinePolicy(deadlines.timeoutMs), position: 'perCall' as const },
      { policy: storageTryTimeoutPolicy(deadlines.tryTimeoutMs), position: 'perRetry' as const },
    ],
  };
}

