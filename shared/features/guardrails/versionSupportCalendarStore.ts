import type { TableClient } from '@azure/data-tables';
import {
  EMPTY_VERSION_SUPPORT_CALENDAR,
  versionSupportCalendarSchema,
  type VersionSupportCalendar,
} from '../../domain/fleet/versionSupportCalendar';
import { SingletonDocument } from '../../platform/storage/singletonDocument';

export interface VersionedSupportCalendar {
  calendar: VersionSupportCalendar;
  /** Absent while no admin has stored a calendar (the empty one applies). */
  etag?: string;
}

/** The fleet's one version support calendar, durable in Table storage with ETag concurrency. */
export class VersionSupportCalendarStore {
  private readonly document: SingletonDocument<VersionSupportCalendar>;

  constructor(table: TableClient) {
    this.document = new SingletonDocument(table, {
      entityName: 'Version support calendar',
      schema: versionSupportCalendarSchema,
      partitionKey: 'versionSupportCalendar',
      rowKey: 'fleet',
      initial: EMPTY_VERSION_SUPPORT_CALENDAR,
    });
  }

  async get(): Promise<VersionedSupportCalendar> {
    const { value, etag } = await this.document.get();
    return { calendar: value, ...(etag ? { etag } : {}) };
  }

  /** Replaces the calendar; with `ifMatch` only the version it names (`*` = any stored version). */
  async put(calendar: VersionSupportCalendar, ifMatch?: string): Promise<VersionedSupportCalendar> {
    const { value, etag } = await this.document.put(calendar, ifMatch);
    return { calendar: value, etag };
  }
}
