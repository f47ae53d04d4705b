import { decodeContinuation as decodeCursor, encodeContinuation as encodeCursor } from '../../platform/http/paging';

/** The inventory's page cursor: a version and the Table service's continuation token. */
interface InventoryCursor {
  v: 1;
  t: string;
}

const isInventoryCursor = (value: unknown): value is InventoryCursor =>
  typeof value === 'object' && value !== null && (value as InventoryCursor).v === 1 && typeof (value as InventoryCursor).t === 'string' && (value as InventoryCursor).t !== '';

export function encodeContinuation(tableToken: string): string {
  return encodeCursor({ v: 1, t: tableToken } satisfies InventoryCursor);
}

export function decodeContinuation(value: string): string {
  return decodeCursor(value, isInventoryCursor).t;
}
