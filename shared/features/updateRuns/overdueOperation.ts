import { isTerminal, type OperationRecord } from '../operations';

/** The runner's pause between checks when ARM gave no Retry-After. */
const DEFAULT_CHECK_SECONDS = 10;
/** Checks missed in a row before the engine stops trusting the operations queue for this operation. */
const MISSED_CHECKS = 3;

/**
 * A running operation whose record the operations queue has not touched for several of its checks: its message was
 * lost, or leased by a host that died (invisible for the lease). The engine then polls ARM for it itself, so a run
 * does not wait for the operations repair timer. Wall-clock, like the runner's own `updatedAt`.
 */
export function isCheckOverdue(record: OperationRecord, nowMs: number): boolean {
  if (isTerminal(record.status)) return false;
  const checkSeconds = record.pollAfterSeconds ?? DEFAULT_CHECK_SECONDS;
  return nowMs - Date.parse(record.updatedAt) > MISSED_CHECKS * checkSeconds * 1000;
}
