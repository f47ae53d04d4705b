import { randomUUID } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { decodeContinuation, encodeContinuation } from '../../platform/http/paging';
import { redact } from '../../platform/observability/redact';
import { ensureTableOnce } from '../../platform/storage/ensureTable';
import { TableRepository } from '../../platform/storage/tableRepository';
import { auditEventSchema, type AuditEvent } from '../../domain/audit/auditEvent';
import type { AuditReservation } from '../../platform/http/requestAudit';

export interface AuditQuery {
  from: Date;
  to: Date;
  callerObjectId?: string;
  target?: string;
  pageSize: number;
  continuation?: string;
}

export interface AuditPage {
  events: AuditEvent[];
  continuation: string | undefined;
}

const DAY_MS = 86_400_000;
/** Bounds the work of one request; a sparse, wide range continues on the next page. */
const MAX_DAYS_PER_PAGE = 31;
/** Row keys sort newest first within a day's partition. */
const MAX_TICKS = 9_999_999_999_999;

interface Cursor {
  day: string;
  token?: string;
}

/** Audit records in Table storage, one partition per UTC day, newest first. */
export class AuditStore {
  private readonly events: TableRepository<AuditEvent>;

  private readonly ensureTable: () => Promise<void>;

  constructor(private readonly table: TableClient) {
    this.ensureTable = ensureTableOnce(table);
    this.events = new TableRepository(table, {
      entityName: 'Audit event',
      schema: auditEventSchema,
      columns: (event) => ({
        callerObjectId: event.caller?.objectId.toLowerCase() ?? '',
        target: event.target.toLowerCase(),
        decision: event.decision,
        time: new Date(event.time),
      }),
    });
  }

  /** Appends a record. With a reservation, completes that pending record instead (same row, only its version). */
  async record(event: Omit<AuditEvent, 'id'>, reservation?: AuditReservation): Promise<AuditEvent> {
    await this.ensureTable();
    const time = new Date(event.time);
    const id = reservation?.id ?? newEventId(time);
    const stored: AuditEvent = redact({ ...event, id });
    if (reservation) await this.events.replace(dayOf(time), id, stored, reservation.etag);
    else await this.events.create(dayOf(time), id, stored);
    return stored;
  }

  /**
   * Writes the pending record of a write before the write runs, so that a write the trail cannot hold does not
   * happen; `record` with the reservation (and the same `time`) completes it.
   */
  async reserve(pending: Omit<AuditEvent, 'id'>): Promise<AuditReservation> {
    await this.ensureTable();
    const time = new Date(pending.time);
    const id = newEventId(time);
    const stored = await this.events.create(dayOf(time), id, redact({ ...pending, id }));
    return { id, etag: stored.etag };
  }

  /** Walks day partitions from `to` back to `from`, filling at most one page. */
  async query(query: AuditQuery): Promise<AuditPage> {
    await this.ensureTable();
    let cursor: Cursor | undefined = query.continuation
      ? decodeContinuation(query.continuation, isAuditCursor)
      : { day: dayOf(query.to) };
    const events: AuditEvent[] = [];
    const firstDay = dayOf(query.from);
    let daysScanned = 0;
    while (cursor && cursor.day >= firstDay && events.length < query.pageSize && daysScanned < MAX_DAYS_PER_PAGE) {
      const page = await this.events.page({
        filter: filterFor(cursor.day, query),
        pageSize: query.pageSize - events.length,
        ...(cursor.token ? { continuationToken: cursor.token } : {}),
      });
      events.push(...page.items.map((item) => item.value));
      if (!page.continuationToken) daysScanned += 1;
      cursor = page.continuationToken
        ? { day: cursor.day, token: page.continuationToken }
        : previousDay(cursor.day);
    }
    const more = cursor && cursor.day >= firstDay;
    return { events, continuation: more ? encodeContinuation(cursor) : undefined };
  }
}

function filterFor(day: string, query: AuditQuery): string {
  const parts = [odata`PartitionKey eq ${day}`, odata`time ge ${query.from}`, odata`time le ${query.to}`];
  if (query.callerObjectId) parts.push(odata`callerObjectId eq ${query.callerObjectId.toLowerCase()}`);
  if (query.target) parts.push(odata`target eq ${query.target.toLowerCase()}`);
  return parts.join(' and ');
}

/** Sorts newest first within a day's partition; unique per record. */
function newEventId(time: Date): string {
  return `${String(MAX_TICKS - time.getTime()).padStart(13, '0')}-${randomUUID()}`;
}

function dayOf(time: Date): string {
  return time.toISOString().slice(0, 10).replace(/-/g, '');
}

function previousDay(day: string): Cursor {
  const date = new Date(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T00:00:00Z`);
  return { day: dayOf(new Date(date.getTime() - DAY_MS)) };
}

const isAuditCursor = (value: unknown): value is Cursor => {
  const cursor = value as Partial<Cursor> | null;
  if (typeof cursor !== 'object' || cursor === null) return false;
  const tokenOk = cursor.token === undefined || isTableContinuation(cursor.token);
  return typeof cursor.day === 'string' && /^\d{8}$/.test(cursor.day) && tokenOk;
};

/** The data-tables continuation token is base64 JSON with the next partition and row keys. */
function isTableContinuation(token: unknown): boolean {
  if (typeof token !== 'string') return false;
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as unknown;
    return typeof decoded === 'object' && decoded !== null && 'nextPartitionKey' in decoded;
  } catch {
    return false;
  }
}
