import { services, type Services } from '../../app';
import { VersionSupportCalendarStore } from './versionSupportCalendarStore';

let current: VersionSupportCalendarStore | undefined;

/** The calendar store, built once per process over the shared storage account. */
export function versionSupportCalendarStore(): VersionSupportCalendarStore {
  current ??= buildVersionSupportCalendarStore(services());
  return current;
}

export function buildVersionSupportCalendarStore(
  shared: Pick<Services, 'settings' | 'storage'>,
): VersionSupportCalendarStore {
  const { settings, storage } = shared;
  return new VersionSupportCalendarStore(storage.tableClient(`${settings.FLEETPLANE_TABLE_PREFIX}supportcalendar`));
}
