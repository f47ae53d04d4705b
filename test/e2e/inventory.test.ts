import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { DEV_API_CLIENT_ID, type RunningDevIssuer } from '../../local/dev-issuer';
import { SUB_A, SUB_B, type SeededCluster } from '../integration/inventory/inventoryFleet';
import type { StartedHost } from '../support/localHost';
import { startInventoryStack, type InventoryStack } from './support/inventoryStack';

/** The inventory through the compiled app on the local host: dev-issuer tokens, Azurite, the AKS emulator. */
describe('the fleet inventory over HTTP', () => {
  let emulator: RunningAksEmulator;
  let issuer: RunningDevIssuer;
  let host: StartedHost;
  let stack: InventoryStack;
  let fleet: SeededCluster[];
  let reader: string;
  let admin: string;

  const get = (pathAndQuery: string, token: string | null = reader) =>
    fetch(pathAndQuery.startsWith('http') ? pathAndQuery : `${host.origin}${pathAndQuery}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const sync = (token: string) =>
    fetch(`${host.origin}/api/clusters/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });

  /** Follows nextLink to the end; returns the cluster names in order. */
  async function walk(firstLink: string, token = reader): Promise<{ names: string[]; pages: number }> {
    const names: string[] = [];
    let link: string | undefined = firstLink;
    let pages = 0;
    while (link) {
      const response = await get(link, token);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { value: { name: string }[]; nextLink?: string };
      names.push(...body.value.map((cluster) => cluster.name));
      link = body.nextLink;
      pages++;
    }
    return { names, pages };
  }

  beforeAll(async () => {
    stack = await startInventoryStack(200);
    ({ emulator, issuer, host, fleet, reader, admin } = stack);
  });

  afterAll(() => stack?.stop());

  it('serves an empty snapshot without an age before the first sync', async () => {
    const response = await get('/api/clusters');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ value: [], staleSubscriptions: [] });
  });

  it('asks for a token, and lets only an Admin at tenant scope run a sync', async () => {
    expect((await get('/api/clusters', null)).status).toBe(401);
    const denied = await sync(reader);
    expect(denied.status).toBe(403);
    expect(denied.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('syncs 200 clusters in 2 subscriptions with exactly 2 managedClusters.list calls', async () => {
    emulator.resetCounters();
    const response = await sync(admin);
    expect(response.status).toBe(200);
    const summary = (await response.json()) as {
      status: string;
      armCalls: unknown;
      subscriptions: { clusters: number }[];
    };
    expect(summary).toMatchObject({
      status: 'succeeded',
      armCalls: { managedClustersList: 2, listKubernetesVersions: 3 },
    });
    expect(summary.subscriptions.map((s) => s.clusters)).toEqual([100, 100]);
    expect(emulator.counters()['managedClusters.list']).toBe(2);
    expect(emulator.counters()['managedClusters.get'] ?? 0).toBe(0);
  });

  it('pages the whole inventory through nextLink without gaps or repeats, with the snapshot age', async () => {
    const first = await get('/api/clusters?pageSize=45');
    const body = (await first.json()) as {
      value: unknown[];
      nextLink: string;
      syncedAt: string;
      snapshotAgeSeconds: number;
    };
    expect(body.value).toHaveLength(45);
    expect(new URL(body.nextLink).origin).toBe(host.origin);
    expect(Date.now() - Date.parse(body.syncedAt)).toBeLessThan(60_000);
    expect(body.snapshotAgeSeconds).toBeGreaterThanOrEqual(0);
    const { names, pages } = await walk(`${host.origin}/api/clusters?pageSize=45`);
    expect(pages).toBe(5);
    expect(names).toHaveLength(200);
    expect(new Set(names).size).toBe(200);
  });

  it('applies filters, also across pages', async () => {
    const expected = (predicate: (c: SeededCluster) => boolean) =>
      fleet
        .filter(predicate)
        .map((c) => c.name)
        .sort();
    const query = async (search: string) =>
      (await walk(`${host.origin}/api/clusters?${search}`)).names.sort();
    expect(await query('tag=owner:alice&pageSize=3')).toEqual(expected((c) => c.tags.Owner === 'alice'));
    expect(await query(`subscription=${SUB_B}&resourceGroup=rg-team-3&pageSize=7`)).toEqual(
      expected((c) => c.subscriptionId === SUB_B && c.resourceGroup === 'RG-Team-3'),
    );
    expect(await query('supportStatus=outOfSupport&location=westeurope')).toEqual(
      expected((c) => c.version === '1.32.9' && c.location === 'westeurope'),
    );
    expect(await query('kubernetesVersion=1.36&provisioningState=Succeeded')).toEqual(
      expected((c) => c.version === '1.36.1'),
    );
  });

  it('shows a caller only the clusters under the scope of its roles', async () => {
    const scope = `/subscriptions/${SUB_A}/resourceGroups/RG-Team-1`;
    const scoped = await issuer.signToken({ audience: DEV_API_CLIENT_ID, role: 'Reader', scope });
    const { names } = await walk(`${host.origin}/api/clusters?pageSize=10`, scoped);
    expect(names.sort()).toEqual(
      fleet
        .filter((c) => c.subscriptionId === SUB_A && c.resourceGroup === 'RG-Team-1')
        .map((c) => c.name)
        .sort(),
    );
    expect((await get(`/api/clusters?subscription=${SUB_B}`, scoped)).status).toBe(403);
  });

  it('keeps serving the rows of a subscription whose list failed, and says so', async () => {
    emulator.injectFault({
      kind: 'error',
      status: 403,
      code: 'AuthorizationFailed',
      operation: 'managedClusters.list',
      remaining: 1,
    });
    const summary = (await (await sync(admin)).json()) as { status: string };
    expect(summary.status).toBe('partial');
    const body = (await (await get('/api/clusters?pageSize=200')).json()) as {
      value: unknown[];
      staleSubscriptions: { subscriptionId: string; code: string }[];
    };
    expect(body.value).toHaveLength(200);
    expect(body.staleSubscriptions).toHaveLength(1);
    expect(body.staleSubscriptions[0]).toMatchObject({ code: 'AuthorizationFailed' });
    expect((await (await sync(admin)).json()) as { status: string }).toMatchObject({ status: 'succeeded' });
    expect(
      ((await (await get('/api/clusters?pageSize=1')).json()) as { staleSubscriptions: unknown[] })
        .staleSubscriptions,
    ).toEqual([]);
  });

  it('rejects invalid queries with problem details', async () => {
    for (const search of [
      'pageSize=0',
      'pageSize=201',
      'supportStatus=fine',
      'kubernetesVersion=latest',
      'continuationToken=forged',
      'subscription=abc',
    ]) {
      const response = await get(`/api/clusters?${search}`);
      expect(response.status, search).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    }
  });
});
