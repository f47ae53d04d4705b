import type { ArmError } from '../errors';
import type { VirtualClock } from '../clock';

export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled';

/** What the operationresults URL (and the final Location GET) returns once the operation is done. */
export type OperationResult = { kind: 'cluster' } | { kind: 'pool'; poolName: string } | { kind: 'none' };

/** A simulation is a generator: each yielded number is the virtual milliseconds to wait before it continues. */
export type Simulation = Generator<number, void, void>;

/** Something whose provisioningState an operation drives (a cluster or a pool). */
export interface ProvisionedTarget {
  provisioningState: string;
  provisioningError?: { code: string; message: string };
}

export interface OperationRecord {
  id: string;
  subscriptionId: string;
  location: string;
  clusterKey: string;
  /** Wording used in AKS's 409 message, e.g. "update managed cluster". */
  description: string;
  holdsClusterLock: boolean;
  status: OperationStatus;
  startTime: string;
  endTime?: string;
  error?: { code: string; message: string };
  result: OperationResult;
  targets: ProvisionedTarget[];
  nextAtMs: number;
  simulation: Simulation;
  canceling: boolean;
  injectedFailure?: { code: string; message: string };
  onFinished?: (op: OperationRecord) => void;
}

/** Thrown by a simulation to end its operation as Canceled rather than Failed (AKS's Cordon behaviour). */
export class OperationCanceledOutcome extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_STEPS_PER_TICK = 100_000;

/** Told after every simulation step, with the virtual time at which the step took effect. */
export type StepListener = (op: OperationRecord, atMs: number) => void;

export class OperationEngine {
  private readonly operations = new Map<string, OperationRecord>();
  /** Operations still in progress, so ticks do not scan the whole history. */
  private readonly running = new Set<OperationRecord>();
  private readonly stepListeners: StepListener[] = [];

  constructor(private readonly clock: VirtualClock) {}

  onStep(listener: StepListener): void {
    this.stepListeners.push(listener);
  }

  start(op: Omit<OperationRecord, 'status' | 'startTime' | 'nextAtMs' | 'canceling'>): OperationRecord {
    const record: OperationRecord = { ...op, status: 'InProgress', startTime: this.clock.nowIso(), nextAtMs: this.clock.now(), canceling: false };
    this.operations.set(record.id.toLowerCase(), record);
    this.running.add(record);
    // Run the synchronous prologue (states such as Creating) so the initial response shows them.
    this.step(record);
    return record;
  }

  get(id: string): OperationRecord | undefined {
    return this.operations.get(id.toLowerCase());
  }

  /** Replaces the running simulation with a cancellation that ends the operation as Canceled. */
  cancel(op: OperationRecord, cancellation: Simulation): void {
    op.simulation.return();
    op.canceling = true;
    op.simulation = cancellation;
    op.nextAtMs = this.clock.now();
    this.step(op);
  }

  /** Runs every simulation step that is due on the virtual clock, earliest first. */
  tick(): void {
    const now = this.clock.now();
    for (let i = 0; i < MAX_STEPS_PER_TICK; i += 1) {
      const due = this.earliestDue(now);
      if (!due) return;
      this.step(due);
    }
  }

  /** Runs every in-progress simulation to its end regardless of the clock (used to seed ready-made fleets). */
  settleAll(): void {
    for (let i = 0; i < MAX_STEPS_PER_TICK; i += 1) {
      const running = this.running.values().next().value;
      if (!running) return;
      this.step(running);
    }
  }

  clear(): void {
    this.operations.clear();
    this.running.clear();
  }

  private earliestDue(now: number): OperationRecord | undefined {
    let best: OperationRecord | undefined;
    for (const op of this.running) {
      if (op.status !== 'InProgress' || op.nextAtMs > now) continue;
      if (!best || op.nextAtMs < best.nextAtMs) best = op;
    }
    return best;
  }

  private step(op: OperationRecord): void {
    // settleAll runs steps ahead of the clock; what they change is in effect from now.
    const atMs = Math.min(op.nextAtMs, this.clock.now());
    try {
      const next = op.simulation.next();
      if (next.done) {
        this.complete(op);
      } else {
        op.nextAtMs += Math.max(0, next.value);
      }
    } catch (error) {
      if (error instanceof OperationCanceledOutcome) {
        this.finish(op, 'Canceled', { code: error.code, message: error.message });
      } else if (isArmError(error)) {
        this.finish(op, 'Failed', { code: error.code, message: error.message });
      } else {
        const message = error instanceof Error ? error.message : String(error);
        this.finish(op, 'Failed', { code: 'InternalOperationError', message });
      }
    } finally {
      for (const listener of this.stepListeners) listener(op, atMs);
    }
  }

  private complete(op: OperationRecord): void {
    if (op.canceling) {
      this.finish(op, 'Canceled', {
        code: 'OperationCancelled',
        message: `The operation ${op.id} was canceled by an abort request.`,
      });
    } else if (op.injectedFailure) {
      this.finish(op, 'Failed', op.injectedFailure);
    } else {
      this.finish(op, 'Succeeded');
    }
  }

  private finish(op: OperationRecord, status: OperationStatus, error?: { code: string; message: string }): void {
    op.status = status;
    this.running.delete(op);
    op.endTime = new Date(Math.max(op.nextAtMs, Date.parse(op.startTime))).toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (error) {
      op.error = error;
      for (const target of op.targets) {
        target.provisioningState = status === 'Canceled' ? 'Canceled' : 'Failed';
        target.provisioningError = error;
      }
    }
    op.onFinished?.(op);
  }
}

function isArmError(error: unknown): error is ArmError {
  return error instanceof Error && error.name === 'ArmError';
}
