/**
 * What time it is for the scheduled work (autoscale cycles and schedules, update runs and their windows).
 * In Azure this is the system clock. In local mode it may be the AKS emulator's virtual clock, so that a test can
 * move a whole stack through a night (a schedule at 20:00 Europe/Berlin, a maintenance window) in seconds.
 */
export interface Clock {
  now(): Promise<Date>;
}

export const systemClock: Clock = { now: () => Promise.resolve(new Date()) };

/**
 * The emulator's virtual clock: `GET {url}` answers `{ "now": "<ISO time>" }` (the emulator's `/_emulator/clock`).
 * Asked on every call: a test advances that clock between cycles and the next cycle must see it.
 */
export function virtualClock(url: string, fetchClock: typeof fetch = fetch): Clock {
  return {
    async now() {
      const response = await fetchClock(url, { signal: AbortSignal.timeout(2_000) });
      if (!response.ok) throw new Error(`virtual clock ${url} answered ${response.status}`);
      const body = (await response.json()) as { now?: unknown };
      const now = typeof body.now === 'string' ? new Date(body.now) : undefined;
      if (now === undefined || Number.isNaN(now.getTime())) throw new Error(`virtual clock ${url} answered no time`);
      return now;
    },
  };
}
