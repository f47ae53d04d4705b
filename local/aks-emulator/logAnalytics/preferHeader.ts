/** The service's server timeout: 3 minutes unless `Prefer: wait=N` asks otherwise, at most 10 minutes. */
export const DEFAULT_WAIT_SECONDS = 180;
export const MAX_WAIT_SECONDS = 600;

export interface QueryPreferences {
  readonly waitSeconds: number;
  readonly includeStatistics: boolean;
}

/**
 * Parses `Prefer: wait=60,include-statistics=true,include-render=true` (entries may also be `;`-separated).
 * `include-render` needs the `render` operator, which the emulator refuses, so it never changes a response.
 */
export function parsePrefer(header: string | readonly string[] | undefined): QueryPreferences {
  const text = Array.isArray(header) ? header.join(',') : ((header as string | undefined) ?? '');
  const entries = new Map(
    text
      .split(/[,;]/)
      .map(
        (entry) => entry.split('=').map((part) => part.trim().toLowerCase()) as [string, string | undefined],
      )
      .filter(([name]) => name !== ''),
  );
  const wait = Number(entries.get('wait'));
  return {
    waitSeconds: Number.isFinite(wait) && wait > 0 ? Math.min(wait, MAX_WAIT_SECONDS) : DEFAULT_WAIT_SECONDS,
    includeStatistics: entries.get('include-statistics') === 'true',
  };
}
