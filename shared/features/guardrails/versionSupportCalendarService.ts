import { TENANT_SCOPE_ID } from '../../domain/access/scope';
import type { VersionSupportCalendar } from '../../domain/fleet/versionSupportCalendar';
import type { Authorize } from '../../platform/http/requestContext';
import type { VersionedSupportCalendar, VersionSupportCalendarStore } from './versionSupportCalendarStore';

/** The calendar is fleet-wide, so it is read and changed at tenant scope. */
export class VersionSupportCalendarService {
  constructor(private readonly store: VersionSupportCalendarStore) {}

  async get(authorize: Authorize): Promise<VersionedSupportCalendar> {
    await authorize('versionSupportCalendar', 'get', TENANT_SCOPE_ID);
    return this.store.get();
  }

  async put(
    authorize: Authorize,
    calendar: VersionSupportCalendar,
    ifMatch: string | undefined,
  ): Promise<VersionedSupportCalendar> {
    await authorize('versionSupportCalendar', 'update', TENANT_SCOPE_ID);
    return this.store.put(calendar, ifMatch);
  }
}
