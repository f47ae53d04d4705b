import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { startDevIssuer, type RunningDevIssuer } from '../../local/dev-issuer';
import { basicCluster, clusterPath, raw, startTestEmulator, SUB, withApi } from '../emulator/harness';
import { fleetApiHostEnv, startLocalHost, type StartedHost } from '../support/localHost';
import { uniqueTablePrefix } from '../support/storage';

const AUDIENCE = 'api://fleetplane-logs-e2e';
const OWNER = '0d000000-0000-4000-8000-000000000001';
const TEAM = '0d000000-0000-4000-8000-000000000002';
const RESOURCE_GROUP = 'rg-logs';
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-logs-e2e`;
const CLUSTER_ID = `/subscriptions/${SUB}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.ContainerService/managedClusters/shop`;
const LOGS = `subscriptions/${SUB}/resourceGroups/${RESOURCE_GROUP}/clusters/shop/logs`;

interface Answer {
  status: number;
  body: any;
  text: string;
}

/**
 * Log queries with real dev-issuer tokens through the local host: the AKS emulator serves the cluster, its
 * workspace and the Log Analytics query API; a caller bound to one namespace gets only that namespace's rows.
 */
describe('cluster logs through the local host, scoped by role bindings', () => {
  let issuer: RunningDevIssuer;
  let emulator: RunningAksEmulator;
  let host: StartedHost;
  let owner: string;
  let team: string;
  /** The emulator's clock is frozen and moved on by hand: the window is the two virtual hours after the cluster's creation. */
  let window = '';

  async function call(method: string, route: string, bearer: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${host.origin}/api/${route}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json') && text ? (JSON.parse(text) as unknown) : undefined;
    return { status: response.status, body: json, text };
  }

  beforeAll(async () => {
    issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-issuer-')) });
    emulator = await startTestEmulator({ speed: 0 });
    const created0 = Date.now();
    window = `since=${new Date(created0).toISOString()}&until=${new Date(created0 + 2 * 3_600_000).toISOString()}`;
    expect((await raw(emulator, 'PUT', `${WORKSPACE}?api-version=2023-09-01`, { location: 'eastus', properties: {} })).status).toBe(201);
    const monitoring = { addonProfiles: { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: WORKSPACE } } } };
    const created = await raw(emulator, 'PUT', withApi(clusterPath(RESOURCE_GROUP, 'shop')), basicCluster({ ...monitoring, dnsPrefix: 'shop' }));
    expect(created.status).toBeLessThan(300);
    emulator.advanceClock(2 * 3_600);
    const tablePrefix = uniqueTablePrefix();
    host = await startLocalHost({
      env: {
        ...fleetApiHostEnv({
          storageConnectionString: inject('storageConnectionString'),
          issuerUrl: issuer.issuerUrl,
          audience: AUDIENCE,
          armEndpoint: emulator.baseUrl,
          subscriptionIds: [SUB],
          tablePrefix,
        }),
        FLEETPLANE_LOGS_ENDPOINT: `${emulator.baseUrl}/v1`,
      },
    });
    [owner, team] = await Promise.all([
      issuer.signToken({ audience: AUDIENCE, role: 'Owner', oid: OWNER }),
      issuer.signToken({ audience: AUDIENCE, oid: TEAM }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
    await emulator?.close();
    await issuer?.close();
  });

  it('a caller bound to one namespace reads only its rows; the cluster-wide caller reads every namespace', async () => {
    const all = await call('GET', `${LOGS}?source=containers&${window}&limit=1000`, owner);
    expect(all.status).toBe(200);
    expect(all.body.cluster.toLowerCase()).toBe(CLUSTER_ID.toLowerCase());
    const namespaces = [...new Set((all.body.rows as { PodNamespace: string }[]).map((row) => row.PodNamespace))].sort();
    expect(namespaces.length).toBeGreaterThan(1);
    const granted = namespaces.find((namespace) => namespace !== 'kube-system') ?? namespaces[0]!;

    const grant = await call('PUT', 'roleBindings/team-logs', owner, {
      subject: { kind: 'user', id: TEAM },
      role: 'Operator', // reading logs takes Operator (clusters/logs.query); here in one namespace only
      scope: `${CLUSTER_ID}/namespaces/${granted}`,
    });
    expect(grant.status).toBe(201);

    const scoped = await call('GET', `${LOGS}?source=containers&${window}&limit=1000`, team);
    expect(scoped.status).toBe(200);
    expect(scoped.body.namespaces).toEqual([granted]);
    expect(scoped.body.rows.length).toBeGreaterThan(0);
    expect(new Set((scoped.body.rows as { PodNamespace: string }[]).map((row) => row.PodNamespace))).toEqual(new Set([granted]));

    const otherNamespace = namespaces.find((namespace) => namespace !== granted)!;
    expect((await call('GET', `${LOGS}?source=containers&namespace=${encodeURIComponent(otherNamespace)}`, team)).status).toBe(403);
    expect((await call('GET', `${LOGS}?source=controlPlane`, team)).status).toBe(403);
  });

  it('an injection attempt in a filter is one literal: no rows, never more', async () => {
    const attempt = `x" or 1==1 | union ContainerLogV2 | where "1"=="1`;
    const answer = await call('GET', `${LOGS}?source=containers&${window}&namespace=${encodeURIComponent(attempt)}`, owner);
    expect(answer.status).toBe(200);
    expect(answer.body.rows).toEqual([]);
  });

  it('answers CSV on Accept: text/csv, and every query is in the audit trail', async () => {
    const csv = await call('GET', `${LOGS}?source=events&${window}&limit=5`, owner, undefined, { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(csv.text.split('\n')[0]).toContain('TimeGenerated');
    const audit = await call('GET', 'auditEvents', owner);
    expect(audit.status).toBe(200);
    const queries = (audit.body.value as { action: string; callerObjectId?: string; caller?: { objectId: string } }[]).filter(
      (event) => event.action === 'getClusterLogs',
    );
    expect(queries.length).toBeGreaterThanOrEqual(3);
    expect(queries.some((event) => event.caller?.objectId === TEAM)).toBe(true);
  });
});
