import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hostMain, repoRoot, startLocalHost, type StartedHost } from '../support/localHost';
import { uniqueTablePrefix } from '../support/storage';

const fixtureApp = path.join(repoRoot, 'test/fixtures/timer-app');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the local host serving the Fleetplane app', () => {
  let host: StartedHost;

  beforeAll(async () => {
    host = await startLocalHost({
      env: { AzureWebJobsStorage: inject('storageConnectionString'), FLEETPLANE_TABLE_PREFIX: uniqueTablePrefix() },
    });
  });
  afterAll(() => host?.stop());

  it('answers liveness, and readiness without details to anonymous callers', async () => {
    const live = await fetch(`${host.origin}/api/health`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'live' });
    const ready = await fetch(`${host.origin}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('echoes a caller correlation id, derives one from traceparent, or makes one', async () => {
    const given = await fetch(`${host.origin}/api/health`, { headers: { 'x-correlation-id': 'abc-123' } });
    expect(given.headers.get('x-correlation-id')).toBe('abc-123');
    const traced = await fetch(`${host.origin}/api/health`, {
      headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    });
    expect(traced.headers.get('x-correlation-id')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    const made = await fetch(`${host.origin}/api/health`);
    expect(made.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs structured lines carrying the correlation id', async () => {
    await fetch(`${host.origin}/api/health`, { headers: { 'x-correlation-id': 'log-check-1' } });
    await sleep(100);
    const line = host
      .output()
      .split('\n')
      .find((l) => l.includes('log-check-1'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ correlationId: 'log-check-1', functionName: 'getHealth', status: 200 });
  });

  it('serves an OpenAPI 3.1 document generated from the schemas', async () => {
    const response = await fetch(`${host.origin}/api/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as any;
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/api/health');
    expect(document.paths['/api/health'].get.responses['200'].content['application/json'].schema).toBeDefined();
  });

  it('answers 404 for unknown routes and 405 with Allow for a wrong method', async () => {
    expect((await fetch(`${host.origin}/api/nothing-here`)).status).toBe(404);
    const wrongMethod = await fetch(`${host.origin}/api/health`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });
});

describe('the local host with a fixture app', () => {
  let host: StartedHost;
  const functionKey = 'fixture-function-key-0001';
  const masterKey = 'fixture-master-key-000001';

  beforeAll(async () => {
    host = await startLocalHost({
      appDir: fixtureApp,
      env: {
        AzureWebJobsStorage: inject('storageConnectionString'),
        LOCAL_HOST_TIMERS: 'false',
        LOCAL_HOST_ENFORCE_KEYS: 'true',
        LOCAL_HOST_FUNCTION_KEY: functionKey,
        LOCAL_HOST_MASTER_KEY: masterKey,
      },
    });
  });
  afterAll(() => host?.stop());

  it('uses the routePrefix from host.json and route constraints', async () => {
    const ok = await fetch(`${host.origin}/fixture/items/42`);
    expect(await ok.json()).toEqual({ id: '42' });
    expect((await fetch(`${host.origin}/fixture/items/abc`)).status).toBe(404);
    expect((await fetch(`${host.origin}/api/items/42`)).status).toBe(404);
  });

  it('enforces function and admin keys when configured', async () => {
    const url = `${host.origin}/fixture/items`;
    expect((await fetch(url, { method: 'POST' })).status).toBe(401);
    expect((await fetch(url, { method: 'POST', headers: { 'x-functions-key': 'wrong' } })).status).toBe(401);
    expect((await fetch(url, { method: 'POST', headers: { 'x-functions-key': functionKey } })).status).toBe(201);
    expect((await fetch(`${url}?code=${masterKey}`, { method: 'POST' })).status).toBe(201);
    const admin = `${host.origin}/fixture/ops/a/b`;
    expect((await fetch(admin, { headers: { 'x-functions-key': functionKey } })).status).toBe(401);
    const allowed = await fetch(admin, { headers: { 'x-functions-key': masterKey } });
    expect(await allowed.text()).toBe('a/b');
  });
});

describe('timers across two local hosts', () => {
  it('run each occurrence exactly once', async () => {
    const table = `${uniqueTablePrefix()}ticks`;
    const env = (name: string) => ({
      AzureWebJobsStorage: inject('storageConnectionString'),
      LOCAL_HOST_ID: table.toLowerCase(),
      FIXTURE_TABLE: table,
      FIXTURE_HOST_NAME: name,
    });
    const hosts = await Promise.all([
      startLocalHost({ appDir: fixtureApp, env: env('one') }),
      startLocalHost({ appDir: fixtureApp, env: env('two') }),
    ]);
    await sleep(4_500);
    await Promise.all(hosts.map((h) => h.stop()));
    const client = TableClient.fromConnectionString(inject('storageConnectionString'), table, {
      allowInsecureConnection: true,
    });
    const rows: { partitionKey?: string; host?: string }[] = [];
    for await (const row of client.listEntities<{ host: string }>()) rows.push(row);
    const ticks = rows.filter((r) => r.partitionKey === 'tick');
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r.partitionKey === 'duplicate')).toEqual([]);
  });
});

describe('configuration at cold start', () => {
  it.each([
    [{ FLEETPLANE_ARM_ENDPOINT: 'http://management.example' }, 'Invalid setting FLEETPLANE_ARM_ENDPOINT: must be an https URL'],
    [{ AZURE_SUBSCRIPTION_ID: 'not-a-guid' }, 'Invalid setting AZURE_SUBSCRIPTION_ID: must be a GUID'],
    [{ LOCAL_HOST_PORT: 'seventy' }, 'Invalid setting LOCAL_HOST_PORT:'],
  ])('exits non-zero with one line naming the bad setting (%j)', (bad, expected) => {
    const result = spawnSync(process.execPath, [hostMain, repoRoot], {
      env: { PATH: process.env.PATH, AzureWebJobsStorage: inject('storageConnectionString'), ...bad },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(expected);
  });

  it('names a missing storage connection', () => {
    const result = spawnSync(process.execPath, [hostMain, repoRoot], {
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Invalid setting AzureWebJobsStorage: is required/);
  });
});
