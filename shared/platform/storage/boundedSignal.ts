import type { PipelineRequest } from '@azure/core-rest-pipeline';

type AbortSignalLike = NonNullable<PipelineRequest['abortSignal']>;

export interface BoundedSignal {
  /** Aborts when the outer signal does, or when the time is up. */
  signal: AbortSignal;
  /** True when the time ran out (not the outer signal). */
  timedOut(): boolean;
  /** Stops the timer and detaches from the outer signal (it may outlive this call). */
  dispose(): void;
}

/** An abort signal that follows `outer` (an SDK's AbortSignalLike) and also fires after `timeoutMs`. */
export function boundedSignal(outer: AbortSignalLike | undefined, timeoutMs: number): BoundedSignal {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort();
  }, timeoutMs);
  const follow = () => controller.abort();
  if (outer?.aborted) controller.abort();
  else outer?.addEventListener('abort', follow);
  return {
    signal: controller.signal,
    timedOut: () => expired,
    dispose() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', follow);
    },
  };
}
