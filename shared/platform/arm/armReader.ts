import { AsyncLocalStorage } from 'node:async_hooks';
import type { ArmReader } from './armReadBudget';

const current = new AsyncLocalStorage<ArmReader>();
const SYSTEM: ArmReader = { kind: 'system' };

/** Runs `work` so that the ARM reads it makes count against `callerId`'s share of the read budget. */
export function onBehalfOfCaller<T>(callerId: string, work: () => Promise<T>): Promise<T> {
  return current.run({ kind: 'caller', id: callerId }, work);
}

/** Who the ARM read being made is for: the caller of the HTTP request in progress, else the system. */
export function currentArmReader(): ArmReader {
  return current.getStore() ?? SYSTEM;
}
