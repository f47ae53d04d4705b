import { ArmError } from '../errors';

/**
 * `latency` delays a request before it is handled; `hang` holds it unhandled (never applied) until the client
 * gives up, or answers 504 after `latencyMs`; `slowResponse` applies it, then holds the answer for `latencyMs`
 * (a change ARM took whose answer the client may never see).
 */
export type FaultKind = 'throttle' | 'error' | 'latency' | 'hang' | 'slowResponse' | 'lroFailure';
export const FAULT_KINDS: readonly FaultKind[] = ['throttle', 'error', 'latency', 'hang', 'slowResponse', 'lroFailure'];

export interface FaultRule {
  id: number;
  kind: FaultKind;
  /** Operation name such as `managedClusters.get`, or `*` for every ARM operation. */
  operation: string;
  /** How many more requests it applies to; undefined = until cleared. */
  remaining?: number;
  status?: number;
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
  latencyMs?: number;
}

export interface FaultOutcome {
  latencyMs: number;
  /** Hold the request without handling it: for this long (then 504), or until the client disconnects when Infinity. */
  hangMs?: number;
  /** Delay the answer after the request was handled. */
  responseDelayMs: number;
  error?: ArmError;
  lroFailure?: { code: string; message: string };
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(rule: Omit<FaultRule, 'id'>): FaultRule {
    const stored = { ...rule, id: this.nextId++ };
    this.rules.push(stored);
    return stored;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  /** Consumes matching rules for one request and says what to do to it. */
  apply(operation: string): FaultOutcome {
    const outcome: FaultOutcome = { latencyMs: 0, responseDelayMs: 0 };
    for (const rule of this.rules) {
      if (rule.operation !== '*' && rule.operation.toLowerCase() !== operation.toLowerCase()) continue;
      if (rule.remaining !== undefined && rule.remaining <= 0) continue;
      if (rule.kind === 'latency') {
        outcome.latencyMs += rule.latencyMs ?? 0;
      } else if (rule.kind === 'slowResponse') {
        outcome.responseDelayMs += rule.latencyMs ?? 0;
      } else if (rule.kind === 'hang') {
        if (outcome.hangMs !== undefined) continue;
        outcome.hangMs = rule.latencyMs ?? Number.POSITIVE_INFINITY;
      } else if (rule.kind === 'lroFailure') {
        if (outcome.lroFailure) continue;
        outcome.lroFailure = { code: rule.code ?? 'InternalServerError', message: rule.message ?? 'An injected failure made the operation fail.' };
      } else {
        if (outcome.error) continue;
        outcome.error = toError(rule);
      }
      if (rule.remaining !== undefined) rule.remaining -= 1;
    }
    this.rules = this.rules.filter((r) => r.remaining === undefined || r.remaining > 0);
    return outcome;
  }
}

function toError(rule: FaultRule): ArmError {
  if (rule.kind === 'throttle') {
    const seconds = rule.retryAfterSeconds ?? 1;
    return new ArmError(
      429,
      rule.code ?? 'TooManyRequests',
      rule.message ?? `The request is being throttled as the limit has been reached for operation type - ${rule.operation}. Please retry after ${seconds} seconds.`,
      undefined,
      { 'retry-after': String(seconds) },
    );
  }
  const status = rule.status ?? 500;
  return new ArmError(
    status,
    rule.code ?? (status === 503 ? 'ServiceUnavailable' : 'InternalServerError'),
    rule.message ?? 'An injected fault made the request fail.',
    undefined,
    rule.retryAfterSeconds === undefined ? {} : { 'retry-after': String(rule.retryAfterSeconds) },
  );
}
