import { LogsQueryClient, LogsQueryResultStatus } from '@azure/monitor-query-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { basicCluster, clusterPath, dummyCredential, raw, SUB, withApi } from '../emulator/harness';
import { startFleetStack, type FleetStack } from '../support/fleetStack';
import type { StartedHost } from '../support/localHost';

const AUDIENCE = 'api://fleetplane-logs-query-e2e';
const OWNER = '0e000000-0000-4000-8000-000000000001';
const ADMIN = '0e000000-0000-4000-8000-000000000002';
const OPERATOR = '0e000000-0000-4000-8000-000000000003';
const RESOURCE_GROUP = 'rg-logs-query';
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-shared-e2e`;
const clusterId = (name: string) => `/subscriptions/${SUB}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const SHOP = clusterId('shop');
/** Reports to the same workspace; its id extends SHOP's. */
const NEIGHBOUR = clusterId('shop-canary');
const CLUSTER_API = `subscriptions/${SUB}/resourceGroups/${RESOURCE_GROUP}/clusters/shop`;

interface Answer {
  status: number;
  body: any;
}

/**
 * Raw KQL and log paging with real dev-issuer tokens through the local host. Two clusters send their logs to one
 * workspace of the AKS emulator; an Admin of one of them runs hostile queries and never sees the other's rows.
 */
describe('raw KQL and paged log reads through the local host', () => {
  let stack: FleetStack;
  let emulator: RunningAksEmulator;
  let host: StartedHost;
  let owner: string;
  let admin: string;
  let operator: string;
  let customerId: string;
  /** The emulator's clock is frozen and moved on by hand: the window is the two virtual hours after the clusters' creation. */
  let window = '';

  async function call(method: string, url: string, bearer: string, body?: unknown): Promise<Answer> {
    const response = await fetch(url.startsWith('http') ? url : `${host.origin}/api/${url}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  const query = (bearer: string, kql: string, timespan = 'PT2H') => call('POST', `${CLUSTER_API}/logs/query`, bearer, { query: kql, timespan });

  beforeAll(async () => {
    stack = await startFleetStack({
      audience: AUDIENCE,
      monitoring: true,
      prepare: async (emulator) => {
        const created = Date.now();
        window = `since=${new Date(created).toISOString()}&until=${new Date(created + 2 * 3_600_000).toISOString()}`;
        const workspace = await raw(emulator, 'PUT', `${WORKSPACE}?api-version=2023-09-01`, { location: 'eastus', properties: {} });
        expect(workspace.status).toBe(201);
        customerId = workspace.body.properties.customerId as string;
        const monitoring = { addonProfiles: { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: WORKSPACE } } } };
        for (const name of ['shop', 'shop-canary']) {
          const created = await raw(emulator, 'PUT', withApi(clusterPath(RESOURCE_GROUP, name)), basicCluster({ ...monitoring, dnsPrefix: name }));
          expect(created.status).toBeLessThan(300);
        }
        emulator.advanceClock(2 * 3_600);
      },
    });
    ({ emulator, host } = stack);
    [owner, admin, operator] = await Promise.all([stack.token({ role: 'Owner', oid: OWNER }), stack.token({ oid: ADMIN }), stack.token({ oid: OPERATOR })]);
    for (const [id, subject, role] of [['shop-admin', ADMIN, 'Admin'], ['shop-operator', OPERATOR, 'Operator']] as const) {
      expect((await call('PUT', `roleBindings/${id}`, owner, { subject: { kind: 'user', id: subject }, role, scope: SHOP })).status).toBe(201);
    }
  }, 120_000);

  afterAll(() => stack?.stop());

  it('the shared workspace holds both clusters; an Admin of one sees only its rows, whatever the query says', async () => {
    const logs = new LogsQueryClient(dummyCredential, { endpoint: `${emulator.baseUrl}/v1`, retryOptions: { maxRetries: 0 } });
    const direct = await logs.queryWorkspace(customerId, 'ContainerLogV2 | distinct _ResourceId', { duration: 'PT2H' });
    if (direct.status !== LogsQueryResultStatus.Success) throw new Error('workspace query failed');
    expect(new Set(direct.tables[0]!.rows.map((row) => row[0]))).toEqual(new Set([SHOP.toLowerCase(), NEIGHBOUR.toLowerCase()]));

    for (const kql of [
      'union * | distinct _ResourceId',
      `ContainerLogV2 | where _ResourceId =~ "${NEIGHBOUR.toLowerCase()}" | distinct _ResourceId`,
      'let KubeEvents = union ContainerLogV2, KubeEvents; KubeEvents | where _ResourceId startswith "/subscriptions" | distinct _ResourceId',
    ]) {
      const answer = await query(admin, kql);
      expect(answer.status).toBe(200);
      expect((answer.body.rows as { _ResourceId: string }[]).every((row) => row._ResourceId === SHOP.toLowerCase())).toBe(true);
    }
    const counted = await query(admin, 'ContainerLogV2 | summarize rows = count()');
    expect(counted.body.rows[0].rows).toBeGreaterThan(0);
  });

  it('refuses cross-workspace functions, Operators, and passes service errors through', async () => {
    const crossWorkspace = await query(admin, `workspace("${customerId}").ContainerLogV2 | take 1`);
    expect(crossWorkspace.status).toBe(400);
    expect(crossWorkspace.body.errors[0].path).toBe('query');
    expect((await query(operator, 'ContainerLogV2 | take 1')).status).toBe(403);
    const broken = await query(admin, 'ContainerLogV2 | where');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ code: 'BadArgumentError', dependency: 'Log Analytics' });
  });

  it('pages GET …/logs with nextLink: every row once, in the same order as the largest pages', async () => {
    async function readAll(limit: number): Promise<{ rows: unknown[]; pages: number }> {
      const rows: unknown[] = [];
      let pages = 0;
      let next: string | undefined = `${CLUSTER_API}/logs?source=containers&${window}&limit=${limit}`;
      while (next !== undefined && pages < 50) {
        const page = await call('GET', next, operator);
        expect(page.status).toBe(200);
        expect(page.body.rows.length).toBeLessThanOrEqual(limit);
        rows.push(...(page.body.rows as unknown[]));
        pages += 1;
        next = page.body.nextLink as string | undefined;
      }
      return { rows, pages };
    }
    const large = await readAll(1000);
    expect(large.rows.length).toBeGreaterThan(8);
    const small = await readAll(Math.ceil(large.rows.length / 4));
    expect(small.pages).toBe(4);
    expect(small.rows).toEqual(large.rows);
    const times = (small.rows as { TimeGenerated: string }[]).map((row) => Date.parse(row.TimeGenerated));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('audits each raw query with its KQL', async () => {
    const audit = await call('GET', 'auditEvents', owner);
    const raws = (audit.body.value as { action: string; reason?: string; status: number }[]).filter((event) => event.action === 'runClusterLogQuery');
    expect(raws.some((event) => event.status === 200 && event.reason?.includes('kql="union * | distinct _ResourceId"'))).toBe(true);
    expect(raws.some((event) => event.status === 403)).toBe(true);
  });
});
