import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUB_B, type SeededCluster } from '../integration/inventory/inventoryFleet';
import type { StartedHost } from '../support/localHost';
import { startInventoryStack, type InventoryStack } from './support/inventoryStack';

const DAY_MS = 86_400_000;

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

interface ClusterRow {
  name: string;
  kubernetesVersion: string;
  syncedAt: string;
  radar: { endOfSupport?: string; daysToEndOfSupport?: number };
}

/** `YYYY-MM-DD`, `days` after today (UTC); the calendar is relative to now so that the test never ages. */
function dateFromToday(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
}

/** What the radar must report: whole days from the sync's date to the end-of-support date. */
function daysFrom(syncedAt: string, endOfSupport: string): number {
  return Math.round((Date.parse(endOfSupport) - Date.parse(syncedAt.slice(0, 10))) / DAY_MS);
}

const minorOf = (version: string) => version.split('.').slice(0, 2).join('.');

/** The version support calendar and the radar's end-of-support dates through the compiled app on the local host. */
describe('the version support calendar over HTTP', () => {
  let host: StartedHost;
  let stack: InventoryStack;
  let fleet: SeededCluster[];
  let reader: string;
  let admin: string;
  const calendar = {
    endOfSupport: { '1.32': dateFromToday(-30), '1.34': dateFromToday(20), '1.35': dateFromToday(200) },
    endOfLongTermSupport: { '1.33': dateFromToday(400) },
    source: 'https://learn.microsoft.com/azure/aks/supported-kubernetes-versions#aks-kubernetes-release-calendar',
  };

  async function call(method: string, route: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${host.origin}/api/${route}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  async function clusters(query = ''): Promise<ClusterRow[]> {
    const answer = await call('GET', `clusters?pageSize=200${query}`, reader);
    expect(answer.status).toBe(200);
    expect(answer.body.nextLink).toBeUndefined();
    return answer.body.value as ClusterRow[];
  }

  const namesOn = (minors: string[]) =>
    fleet
      .filter((cluster) => minors.includes(minorOf(cluster.version)))
      .map((cluster) => cluster.name)
      .sort();
  const namesOf = (rows: ClusterRow[]) => rows.map((row) => row.name).sort();

  beforeAll(async () => {
    stack = await startInventoryStack(10);
    ({ host, fleet, reader, admin } = stack);
  });

  afterAll(() => stack?.stop());

  it('serves the empty calendar, without an ETag, before anyone stores one', async () => {
    const answer = await call('GET', 'versionSupportCalendar', reader);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ endOfSupport: {}, endOfLongTermSupport: {} });
    expect(answer.headers.get('etag')).toBeNull();
  });

  it('refuses a Reader\'s PUT with 403 problem details', async () => {
    const answer = await call('PUT', 'versionSupportCalendar', reader, calendar);
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await call('GET', 'versionSupportCalendar', reader)).body).toEqual({ endOfSupport: {}, endOfLongTermSupport: {} });
  });

  it('stores an Admin\'s calendar with an ETag, and refuses a write based on a stale one with 412', async () => {
    const first = await call('PUT', 'versionSupportCalendar', admin, { endOfSupport: { '1.34': '2026-11-30' } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ endOfSupport: { '1.34': '2026-11-30' }, endOfLongTermSupport: {} });
    const staleEtag = first.headers.get('etag')!;
    expect(staleEtag).toBeTruthy();

    const second = await call('PUT', 'versionSupportCalendar', admin, calendar, { 'if-match': staleEtag });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(calendar);
    expect(second.headers.get('etag')).not.toBe(staleEtag);

    const stale = await call('PUT', 'versionSupportCalendar', admin, { endOfSupport: {} }, { 'if-match': staleEtag });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toMatch(/problem\+json/);

    const current = await call('GET', 'versionSupportCalendar', reader);
    expect(current.body).toEqual(calendar);
    expect(current.headers.get('etag')).toBe(second.headers.get('etag'));
  });

  it('answers a bad date or key with 400 naming each field, and keeps the stored calendar', async () => {
    const answer = await call('PUT', 'versionSupportCalendar', admin, {
      endOfSupport: { '1.34': '2026-02-30', 'v1.35': '2027-03-31' },
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/problem\+json/);
    expect(answer.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'endOfSupport.1.34',
      'endOfSupport.v1.35',
    ]);
    expect((await call('GET', 'versionSupportCalendar', reader)).body).toEqual(calendar);
  });

  it('after a sync, the inventory shows each dated cluster\'s end of support and the days to it from the sync', async () => {
    const sync = await call('POST', 'clusters/sync', admin);
    expect(sync.status).toBe(200);
    expect(sync.body).toMatchObject({ status: 'succeeded', supportCalendar: { status: 'succeeded' } });
    const syncedAt: string = sync.body.startedAt;

    const rows = await clusters();
    expect(namesOf(rows)).toEqual(fleet.map((cluster) => cluster.name).sort());
    const dated = rows.filter((row) => minorOf(row.kubernetesVersion) in calendar.endOfSupport);
    expect(namesOf(dated)).toEqual(namesOn(['1.32', '1.34', '1.35']));
    for (const row of dated) {
      const endOfSupport = calendar.endOfSupport[minorOf(row.kubernetesVersion) as keyof typeof calendar.endOfSupport];
      expect(row.syncedAt).toBe(syncedAt);
      expect(row.radar, row.name).toMatchObject({ endOfSupport, daysToEndOfSupport: daysFrom(syncedAt, endOfSupport) });
    }
    for (const row of rows.filter((candidate) => !dated.includes(candidate))) {
      expect(row.radar, row.name).not.toHaveProperty('endOfSupport');
      expect(row.radar, row.name).not.toHaveProperty('daysToEndOfSupport');
    }
  });

  it('?supportEndsWithinDays=N lists the clusters whose end of support is known and at most N days away, passed ones included', async () => {
    const daysOn134 = new Set((await clusters('&kubernetesVersion=1.34')).map((row) => row.radar.daysToEndOfSupport));
    expect(daysOn134.size).toBe(1);
    const daysTo134 = [...daysOn134][0]!;
    expect(daysTo134).toBeGreaterThan(0);
    expect(namesOf(await clusters('&supportEndsWithinDays=0'))).toEqual(namesOn(['1.32']));
    expect(namesOf(await clusters(`&supportEndsWithinDays=${daysTo134 - 1}`))).toEqual(namesOn(['1.32']));
    expect(namesOf(await clusters(`&supportEndsWithinDays=${daysTo134}`))).toEqual(namesOn(['1.32', '1.34']));
    expect(namesOf(await clusters('&supportEndsWithinDays=36500'))).toEqual(namesOn(['1.32', '1.34', '1.35']));
    expect(namesOf(await clusters(`&supportEndsWithinDays=${daysTo134}&subscription=${SUB_B}`))).toEqual(
      fleet
        .filter((cluster) => cluster.subscriptionId === SUB_B && ['1.32', '1.34'].includes(minorOf(cluster.version)))
        .map((cluster) => cluster.name)
        .sort(),
    );
  });

  it('rejects an invalid supportEndsWithinDays with 400 naming the query field', async () => {
    for (const value of ['-1', 'soon', '1.5', '', '36501']) {
      const answer = await call('GET', `clusters?supportEndsWithinDays=${value}`, reader);
      expect(answer.status, value).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/problem\+json/);
      expect(answer.body.errors.map((error: { path: string }) => error.path), value).toEqual(['supportEndsWithinDays']);
    }
  });
});
