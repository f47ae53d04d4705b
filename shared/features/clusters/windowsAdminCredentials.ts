import type { Settings } from '../../platform/settings/settings';

export interface WindowsAdminCredentials {
  username: string;
  password: string;
}

/**
 * The Windows node admin account, from configuration only (a Key Vault reference in Azure); never taken from
 * requests, and never logged or returned.
 */
export function windowsAdminCredentials(settings: Settings): WindowsAdminCredentials | undefined {
  const username = settings.FLEETPLANE_WINDOWS_ADMIN_USERNAME;
  const password = settings.FLEETPLANE_WINDOWS_ADMIN_PASSWORD;
  return username && password ? { username, password } : undefined;
}
