import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TableClient } from '@azure/data-tables';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { repoRoot, startLocalHost, type StartedHost } from '../support/localHost';

/** The fixture app's `tick` timer fires every second and records each occurrence it runs (a second run is a "duplicate" row). */
const timerApp = path.join(repoRoot, 'test/fixtures/timer-app');

interface TickRow {
  partitionKey: string;
  rowKey: string;
  host: string;
}

/**
 * §5.8 F9: the same timer on two local host processes sharing storage and host id (as two instances of one app
 * do) is scheduled on both, and each occurrence runs once: the blob-lease claim lets only one host advance it.
 */
describe('a timer firing on two hosts (F9)', () => {
  const hosts: StartedHost[] = [];
  afterAll(() => Promise.all(hosts.map((host) => host.stop())));

  it('runs every occurrence exactly once across both hosts', async () => {
    const id = randomUUID().replace(/-/g, '').slice(0, 12);
    const table = TableClient.fromConnectionString(inject('storageConnectionString'), `ticks${id}`, { allowInsecureConnection: true });
    await table.createTable();
    const env = (name: string) => ({
      AzureWebJobsStorage: inject('storageConnectionString'),
      FIXTURE_TABLE: table.tableName,
      FIXTURE_HOST_NAME: name,
      LOCAL_HOST_ID: `f9-${id}`,
    });
    hosts.push(...(await Promise.all([startLocalHost({ appDir: timerApp, env: env('a') }), startLocalHost({ appDir: timerApp, env: env('b') })])));
    await sleep(4_000);
    await Promise.all(hosts.map((host) => host.stop()));

    const rows: TickRow[] = [];
    for await (const row of table.listEntities<TickRow>()) rows.push(row);
    const ticks = rows.filter((row) => row.partitionKey === 'tick');
    expect(rows.filter((row) => row.partitionKey === 'duplicate')).toEqual([]);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ticks.map((row) => row.rowKey)).size).toBe(ticks.length);
  });
});
