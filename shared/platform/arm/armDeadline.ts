import { AsyncLocalStorage } from 'node:async_hooks';

/** The epoch millisecond by which every ARM call of the current invocation must have ended, when it set one. */
const invocationDeadline = new AsyncLocalStorage<number>();

/** Runs `work` with every ARM call inside it bounded by `deadlineAtMs` (an enclosing, earlier deadline still wins). */
export function withArmDeadline<T>(deadlineAtMs: number, work: () => Promise<T>): Promise<T> {
  const enclosing = invocationDeadline.getStore();
  return invocationDeadline.run(enclosing === undefined ? deadlineAtMs : Math.min(enclosing, deadlineAtMs), work);
}

/** When an ARM call starting now must end: its own budget, or the invocation's deadline when that is sooner. */
export function armCallDeadline(callBudgetMs: number, nowMs = Date.now()): number {
  const own = nowMs + callBudgetMs;
  const invocation = invocationDeadline.getStore();
  return invocation === undefined ? own : Math.min(own, invocation);
}

/** ARM did not answer before the call's deadline (a hung connection, slow answers, or retries that ran out of time). */
export class ArmDeadlineExceededError extends Error {
  override readonly name = 'ArmDeadlineExceededError';
  /** False when ARM cannot have taken the request: the deadline struck before it was sent, or after ARM refused every try. */
  readonly requestSent: boolean;
  constructor(
    readonly budgetMs: number,
    options: { cause?: unknown; requestSent?: boolean } = {},
  ) {
    super(`Azure Resource Manager did not answer within ${Math.max(0, Math.round(budgetMs))} ms.`, { cause: options.cause });
    this.requestSent = options.requestSent ?? true;
  }
}

/**
 * ARM asked to be retried later than the call's deadline allows (429/503 with Retry-After): answered at once
 * instead of sleeping. Shaped like a RestError (statusCode, code, response) so the usual translation applies.
 */
export class ArmRetryAfterBeyondDeadlineError extends Error {
  override readonly name = 'ArmRetryAfterBeyondDeadlineError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly retryAfterSeconds: number,
    readonly response: { status: number; headers: { get(name: string): string | undefined } },
  ) {
    super(`Azure Resource Manager answered ${statusCode} (${code}) and asked for a retry after ${retryAfterSeconds} s.`);
  }
}
