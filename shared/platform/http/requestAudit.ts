import type { HttpRequest } from '@azure/functions';
import type { AuditEvent } from '../../domain/audit/auditEvent';
import type { Caller } from '../../domain/access/caller';

/** What a request learned about itself that belongs in its audit record. */
export interface AuditNotes {
  caller?: Caller;
  permission?: string;
  decision?: 'allowed' | 'denied';
  reason?: string;
  target?: string;
  armCorrelationId?: string;
}

/** The pending record of a write, written before the write ran; its final record replaces this version. */
export interface AuditReservation {
  id: string;
  etag: string;
}

/** Every mutating request, and every denial (401/403) of any request, leaves a record. */
export function needsAudit(method: string, status: number): boolean {
  return isWrite(method) || status === 401 || status === 403;
}

/** A request that may change state: its record is reserved before it runs (a write the trail cannot hold must not happen). */
export function isWrite(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

/** The record of an authenticated write about to run: who, what, where; decision and outcome still pending. */
export function pendingAuditEventOf(
  action: string,
  request: HttpRequest,
  correlationId: string,
  notes: AuditNotes,
  time: Date,
): Omit<AuditEvent, 'id'> {
  return { ...auditEventOf(action, request, 0, correlationId, notes, time), decision: 'pending', outcome: 'pending', status: 0 };
}

export function auditEventOf(
  action: string,
  request: HttpRequest,
  status: number,
  correlationId: string,
  notes: AuditNotes,
  time: Date,
): Omit<AuditEvent, 'id'> {
  const { caller } = notes;
  const decision = status === 401 ? 'unauthenticated' : status === 403 ? 'denied' : (notes.decision ?? 'allowed');
  return {
    time: time.toISOString(),
    ...(caller
      ? {
          caller: {
            tenantId: caller.tenantId,
            objectId: caller.objectId,
            kind: caller.kind,
            ...(caller.displayName ? { displayName: caller.displayName } : {}),
            ...(caller.clientAppId ? { clientAppId: caller.clientAppId } : {}),
          },
        }
      : {}),
    action,
    method: request.method,
    target: notes.target ?? new URL(request.url).pathname,
    ...(notes.permission ? { permission: notes.permission } : {}),
    decision,
    ...(notes.reason ? { reason: notes.reason } : {}),
    outcome: decision !== 'allowed' ? 'denied' : status < 400 ? 'succeeded' : 'failed',
    status,
    correlationId,
    ...(notes.armCorrelationId ? { armCorrelationId: notes.armCorrelationId } : {}),
  };
}
