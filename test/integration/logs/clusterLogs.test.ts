import { HttpRequest, InvocationContext, type HttpHandler, type HttpResponseInit } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { createLogAnalyticsApi } from '../../../local/aks-emulator/logAnalytics';
import { checkPermission, type Caller, type RoleBinding } from '../../../shared/domain/access';
import type { AuditEvent } from '../../../shared/domain/audit/auditEvent';
import { buildLogs } from '../../../shared/features/logs';
import { ArmClients } from '../../../shared/platform/arm/armClients';
import { HttpPipeline } from '../../../shared/platform/http/handleHttp';
import { LogsClient } from '../../../shared/platform/monitor/logsClient';
import { startLogAnalyticsServer, type RunningLogAnalyticsServer } from '../../emulator/logAnalytics/logAnalyticsTestServer';
import { basicCluster, clusterPath, raw, startTestEmulator, withApi } from '../../emulator/harness';
import { testSettings } from '../../support/storage';
import {
  NOW,
  PAGED_ROWS,
  PROD,
  PROD_CANARY,
  RESOURCE_GROUP,
  SUBSCRIPTION_ID,
  TRICKY_MESSAGE,
  WORKSPACE_ID,
  arriveContainerLog,
  clusterId,
  logsWorkspace,
  logsWorkspacesOfResource,
} from './support/logsWorkspace';

/**
 * `GET …/clusters/{c}/logs` through the HTTP pipeline: clusters in the AKS emulator (ARM), rows from the
 * emulator's Log Analytics query API over HTTPS with the real LogsQueryClient, decisions by the real `can()`
 * over the bindings below. The workspace resource id → customerId step is a lookup here, so the rows are a
 * fixed table at a fixed time (the ARM lookup itself is tested against the emulator in logAnalyticsWorkspaces.test.ts).
 */
const WORKSPACE_RESOURCE_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/fleet-logs`;
const TENANT = '11111111-1111-4111-8111-111111111111';
const caller = (objectId: string): Caller => ({ tenantId: TENANT, objectId, kind: 'user', appRoles: [], groups: [], groupsOverage: false });
const OPERATOR = '22222222-2222-4222-8222-000000000001';
const TEAM_A = '22222222-2222-4222-8222-000000000002';
const READER = '22222222-2222-4222-8222-000000000003';
const NOBODY = '22222222-2222-4222-8222-000000000004';
const ADMIN = '22222222-2222-4222-8222-000000000005';
const NAMESPACE_ADMIN = '22222222-2222-4222-8222-000000000006';
const SUBSCRIPTION_ADMIN = '22222222-2222-4222-8222-000000000007';
const binding = (id: string, objectId: string, role: RoleBinding['role'], scope: string): RoleBinding => ({ id, subject: { kind: 'user', id: objectId }, role, scope });
const bindings: RoleBinding[] = [
  binding('operator', OPERATOR, 'Operator', `/subscriptions/${SUBSCRIPTION_ID}`),
  binding('team-a', TEAM_A, 'Operator', `${PROD}/namespaces/team-a`),
  binding('team-a-reader-b', TEAM_A, 'Reader', `${PROD}/namespaces/team-b`),
  binding('reader', READER, 'Reader', PROD),
  binding('admin', ADMIN, 'Admin', PROD),
  binding('namespace-admin', NAMESPACE_ADMIN, 'Admin', `${PROD}/namespaces/team-a`),
  binding('subscription-admin', SUBSCRIPTION_ADMIN, 'Admin', `/subscriptions/${SUBSCRIPTION_ID}`),
];

let emulator: RunningAksEmulator;
let logsServer: RunningLogAnalyticsServer;
let handler: HttpHandler;
let rawQueryHandler: HttpHandler;
const audit: Omit<AuditEvent, 'id'>[] = [];

beforeAll(async () => {
  emulator = await startTestEmulator();
  const monitoring = { addonProfiles: { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: WORKSPACE_RESOURCE_ID } } } };
  for (const [name, overrides] of [['prod', monitoring], ['plain', {}], ['paged', monitoring], ['prod-canary', monitoring]] as const) {
    const created = await raw(emulator, 'PUT', withApi(clusterPath(RESOURCE_GROUP, name)), basicCluster({ ...overrides, dnsPrefix: name }));
    expect(created.status).toBeLessThan(300);
  }
  logsServer = await startLogAnalyticsServer(createLogAnalyticsApi({ tablesFor: logsWorkspace, workspacesOfResource: logsWorkspacesOfResource, now: () => NOW }));

  const settings = testSettings({
    FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl,
    FLEETPLANE_MODE: 'local',
    FLEETPLANE_ARM_CREDENTIAL: 'emulator',
    FLEETPLANE_LOGS_ENDPOINT: `${logsServer.origin}/v1`,
    // One caller pages through hundreds of rows here (each page reads the cluster from ARM): not a test of the read budget.
    FLEETPLANE_ARM_READ_BUCKET: '100000',
  });
  const arm = new ArmClients(settings, { maxRetries: 0 });
  const logsClient = new LogsClient(settings, () => arm.credential, { maxRetries: 0 });
  const decide = (who: Caller, verb: string, resource: string, scope: string) => Promise.resolve(checkPermission(who, verb, resource, scope, bindings));
  const recordAudit = (event: Omit<AuditEvent, 'id'>) => {
    audit.push(event);
    return Promise.resolve();
  };
  const http = new HttpPipeline({
    logLevel: 'warning',
    authenticate: (request) => Promise.resolve(caller(request.headers.get('x-test-caller') ?? NOBODY)),
    decide,
    recordAudit,
    // A raw query is a POST: its record is reserved before it runs, then completed (the final record is what counts here).
    reserveAudit: () => Promise.resolve({ id: 'pending', etag: '*' }),
  });
  const logs = buildLogs({
    containerService: (subscriptionId) => arm.containerService(subscriptionId),
    workspaceCustomerId: (id) => (id === WORKSPACE_RESOURCE_ID ? Promise.resolve(WORKSPACE_ID) : Promise.reject(new Error(`unknown workspace ${id}`))),
    queryWorkspace: (workspaceId, query, range) => logsClient.queryWorkspace(workspaceId, query, range),
    queryResource: (resourceId, query, timespan) => logsClient.queryResource(resourceId, query, timespan),
    decide,
    roleBindings: () => Promise.resolve({ bindings, options: {} }),
    recordAudit,
    now: () => new Date(NOW),
    http,
  }).http;
  handler = logs.getClusterLogs!;
  rawQueryHandler = logs.runClusterLogQuery!;
}, 120_000);

afterAll(async () => {
  await logsServer.close();
  await emulator.close();
});

interface Answer {
  status: number;
  body: any;
  headers: Record<string, string>;
}

async function getLogs(who: string, query: Record<string, string>, cluster = 'prod', headers: Record<string, string> = {}): Promise<Answer> {
  audit.length = 0;
  const url = new URL(`https://fleet.test/api/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/clusters/${cluster}/logs`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const request = new HttpRequest({
    url: url.toString(),
    method: 'GET',
    headers: { 'x-test-caller': who, ...headers },
    params: { subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, clusterName: cluster },
  });
  const response = (await handler(request, new InvocationContext({ logHandler: () => {} }))) as HttpResponseInit;
  const responseHeaders = response.headers as Record<string, string>;
  return { status: response.status ?? 200, body: response.jsonBody ?? response.body, headers: responseHeaders };
}

const podsOf = (body: { rows: { PodName: string }[] }) => body.rows.map((row) => row.PodName);

describe('GET …/clusters/{name}/logs', () => {
  it('gives a cluster-scoped Operator the rows of this cluster only, newest first, and audits the query', async () => {
    const answer = await getLogs(OPERATOR, {});
    expect(answer.status).toBe(200);
    expect(podsOf(answer.body)).toEqual(['web-1', 'web-1', 'api-1', 'coredns-1']);
    expect(answer.body).toMatchObject({ source: 'containers', cluster: clusterId('prod'), timespan: { start: '2026-12-01T11:00:00.000Z', end: '2026-12-01T12:00:00.000Z' } });
    expect(answer.body.namespaces).toBeUndefined();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'getClusterLogs', target: clusterId('prod'), caller: { objectId: OPERATOR }, outcome: 'succeeded', status: 200, permission: 'clusters/logs.query' });
    expect(audit[0]!.reason).toMatch(/source=containers filters=\{\} since=2026-12-01T11:00:00.000Z until=2026-12-01T12:00:00.000Z rows=4 durationMs=\d+$/);
  });

  it('limits a namespace-scoped caller to its namespaces (Reader in team-b does not count)', async () => {
    const answer = await getLogs(TEAM_A, { last: 'PT6H' });
    expect(answer.status).toBe(200);
    expect(podsOf(answer.body)).toEqual(['web-1', 'web-1', 'web-1']);
    expect(answer.body.namespaces).toEqual(['team-a']);
    expect(audit[0]!.reason).toContain('namespaces=team-a rows=3');
  });

  it.each([
    [{ source: 'controlPlane' }, 'controlPlane logs need clusters/logs.query on the whole cluster'],
    [{ source: 'audit' }, 'audit logs need'],
    [{ namespace: 'team-b' }, 'namespace team-b'],
  ])('refuses a namespace-scoped caller %j (403, audited by the pipeline)', async (query, message) => {
    const answer = await getLogs(TEAM_A, query);
    expect(answer.status).toBe(403);
    expect(answer.body.detail).toContain(message);
    expect(audit).toMatchObject([{ decision: 'denied', status: 403 }]);
  });

  it('refuses a Reader: log rows need Operator', async () => {
    expect((await getLogs(READER, {})).status).toBe(403);
    expect((await getLogs(NOBODY, {})).status).toBe(403);
  });

  it('applies filters as exact literals, including quotes, backslashes and a pipe', async () => {
    const answer = await getLogs(OPERATOR, { contains: TRICKY_MESSAGE, level: 'error', pod: 'web-1', namespace: 'team-a' });
    expect(answer.status).toBe(200);
    expect(answer.body.rows.map((row: { LogMessage: string }) => row.LogMessage)).toEqual([TRICKY_MESSAGE]);
  });

  it('reads events, control-plane and audit rows for a cluster-scoped caller', async () => {
    expect((await getLogs(OPERATOR, { source: 'events', level: 'warning' })).body.rows).toMatchObject([{ Name: 'api-1', Reason: 'BackOff' }]);
    expect((await getLogs(OPERATOR, { source: 'controlPlane' })).body.rows).toMatchObject([{ Category: 'kube-apiserver', Message: 'etcd slow' }]);
    expect((await getLogs(OPERATOR, { source: 'audit' })).body.rows).toMatchObject([{ Verb: 'delete', User: { username: 'alice' } }]);
  });

  it('answers CSV on Accept: text/csv', async () => {
    const answer = await getLogs(OPERATOR, { limit: '2' }, 'prod', { accept: 'text/csv' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = String(answer.body).split('\r\n');
    expect(lines[0]).toBe('TimeGenerated,PodNamespace,PodName,ContainerName,LogLevel,LogSource,LogMessage,Computer');
    expect(lines[1]).toBe('2026-12-01T11:55:00.000Z,team-a,web-1,web,INFO,stdout,GET / 200,aks-user-0');
    expect(lines[2]).toBe(`2026-12-01T11:50:00.000Z,team-a,web-1,web,ERROR,stderr,"quote "" backslash \\ pipe | take 1",aks-user-0`);
    expect(lines).toHaveLength(4);
  });

  it('answers 409 MonitoringNotEnabled for a cluster without Container Insights, and audits the failure', async () => {
    const answer = await getLogs(OPERATOR, {}, 'plain');
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('MonitoringNotEnabled');
    expect(audit).toMatchObject([{ outcome: 'failed', status: 409, action: 'getClusterLogs' }]);
  });

  it('answers 404 for a cluster ARM does not know', async () => {
    expect((await getLogs(OPERATOR, {}, 'missing')).status).toBe(404);
  });

  it.each([
    [{ limit: '1001' }, 'limit'],
    [{ contains: 'a\u0000b' }, 'contains'],
    [{ since: '2026-12-01T00:00:00Z', last: 'PT1H' }, 'last'],
    [{ last: 'one hour' }, 'last'],
    [{ source: 'secrets' }, 'source'],
    [{ source: 'audit', pod: 'x' }, 'pod'],
  ])('refuses %j with 400 naming the field', async (query, field) => {
    const answer = await getLogs(OPERATOR, query);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body.errors)).toContain(field);
  });
});

const nextParams = (nextLink: string): Record<string, string> => Object.fromEntries(new URL(nextLink).searchParams.entries());

/** Every page of a query, following nextLink; the pod names in order and the links. */
async function allPages(query: Record<string, string>, between?: (page: number) => void): Promise<{ pods: string[]; links: string[] }> {
  const pods: string[] = [];
  const links: string[] = [];
  let params: Record<string, string> | undefined = query;
  for (let page = 0; params !== undefined && page < 50; page += 1) {
    between?.(page);
    const answer = await getLogs(OPERATOR, params, 'paged');
    expect(answer.status).toBe(200);
    expect(answer.body.rows.length).toBeLessThanOrEqual(Number(query['limit']));
    pods.push(...podsOf(answer.body));
    if (answer.body.nextLink) links.push(answer.body.nextLink as string);
    params = answer.body.nextLink ? nextParams(answer.body.nextLink as string) : undefined;
  }
  return { pods, links };
}

const pagedPods = Array.from({ length: PAGED_ROWS }, (_, index) => `job-${String(index).padStart(2, '0')}`);

describe('GET …/clusters/{name}/logs paging (cursor)', () => {
  it.each(['1', '3', '4', '7', '25', '1000'])('returns every row once, newest first, in pages of %s (rows at equal times included)', async (limit) => {
    const { pods, links } = await allPages({ limit });
    expect(pods).toEqual(pagedPods);
    expect(links).toHaveLength(Math.ceil(PAGED_ROWS / Number(limit)) - 1);
  });

  it('links to the same absolute window: last becomes since and until, the other parameters stay', async () => {
    const answer = await getLogs(OPERATOR, { limit: '2', last: 'PT30M', namespace: 'team-p' }, 'paged');
    const next = new URL(answer.body.nextLink as string);
    expect(next.origin + next.pathname).toBe(`https://fleet.test/api/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/clusters/paged/logs`);
    expect(nextParams(next.toString())).toMatchObject({ limit: '2', namespace: 'team-p', since: '2026-12-01T11:30:00.000Z', until: '2026-12-01T12:00:00.000Z' });
    expect(next.searchParams.has('last')).toBe(false);
    expect(next.searchParams.get('cursor')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('is stable when rows arrive between pages: newer rows stay out, nothing repeats or goes missing', async () => {
    const removals: (() => void)[] = [];
    try {
      const { pods } = await allPages({ limit: '4' }, (page) => {
        if (page > 0) removals.push(arriveContainerLog(clusterId('paged'), 0, `new-${page}`));
      });
      expect(pods).toEqual(pagedPods);
    } finally {
      for (const remove of removals) remove();
    }
  });

  it('answers CSV with the next page in a Link header', async () => {
    const answer = await getLogs(OPERATOR, { limit: '2' }, 'paged', { accept: 'text/csv' });
    expect(answer.headers['link']).toMatch(/^<https:\/\/fleet\.test\/api\/.+cursor=[A-Za-z0-9_-]+>; rel="next"$/);
  });

  it('gives no nextLink on the last page', async () => {
    expect((await getLogs(OPERATOR, { limit: '25' }, 'paged')).body.nextLink).toBeUndefined();
  });

  it.each([
    ['garbage', () => 'not-a-cursor!'],
    ['tampered', (cursor: string) => Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(cursor, 'base64url').toString()), n: 0 })).toString('base64url')],
    ['moved outside its window', (cursor: string) => Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(cursor, 'base64url').toString()), t: 0 })).toString('base64url')],
  ])('refuses a %s cursor with 400 naming cursor', async (_name, change) => {
    const first = await getLogs(OPERATOR, { limit: '2' }, 'paged');
    const params = nextParams(first.body.nextLink as string);
    const answer = await getLogs(OPERATOR, { ...params, cursor: change(params['cursor']!) }, 'paged');
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
  });

  it.each([
    ['another filter', { pod: 'job-01' }],
    ['another source', { source: 'events' }],
    ['another window', { until: '2026-12-01T11:59:00.000Z' }],
  ])('refuses the cursor of another query (%s) with 400 naming cursor', async (_name, change) => {
    const first = await getLogs(OPERATOR, { limit: '2' }, 'paged');
    const answer = await getLogs(OPERATOR, { ...nextParams(first.body.nextLink as string), ...change }, 'paged');
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
  });

  it("refuses another cluster's cursor", async () => {
    const first = await getLogs(OPERATOR, { limit: '2', last: 'PT6H' }, 'paged');
    const answer = await getLogs(OPERATOR, nextParams(first.body.nextLink as string), 'prod');
    expect(answer.status).toBe(400);
  });
});

async function postQuery(who: string, body: unknown, cluster = 'prod'): Promise<Answer> {
  audit.length = 0;
  const request = new HttpRequest({
    url: `https://fleet.test/api/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/clusters/${cluster}/logs/query`,
    method: 'POST',
    headers: { 'x-test-caller': who, 'content-type': 'application/json' },
    body: { string: JSON.stringify(body) },
    params: { subscriptionId: SUBSCRIPTION_ID, resourceGroup: RESOURCE_GROUP, clusterName: cluster },
  });
  const response = (await rawQueryHandler(request, new InvocationContext({ logHandler: () => {} }))) as HttpResponseInit;
  return { status: response.status ?? 200, body: response.jsonBody ?? response.body, headers: response.headers as Record<string, string> };
}

const prodResourceId = PROD.toLowerCase();

describe('POST …/clusters/{name}/logs/query (raw KQL, resource context)', () => {
  it('runs an Admin\'s query over this cluster\'s rows in the timespan, and audits the KQL, rows and duration', async () => {
    const query = 'ContainerLogV2 | summarize rows = count() by _ResourceId';
    const lastHour = await postQuery(ADMIN, { query });
    expect(lastHour.status).toBe(200);
    expect(lastHour.body).toMatchObject({ cluster: PROD, timespan: 'PT1H', rows: [{ _ResourceId: prodResourceId, rows: 4 }] });
    expect(audit).toEqual([
      expect.objectContaining({ action: 'runClusterLogQuery', method: 'POST', target: PROD, permission: 'clusters/logs.query', decision: 'allowed', outcome: 'succeeded', status: 200 }),
    ]);
    expect(audit[0]!.reason).toMatch(/^granted: .*; timespan=PT1H rows=1 durationMs=\d+ kql="ContainerLogV2 \| summarize rows = count\(\) by _ResourceId"$/);
    expect((await postQuery(ADMIN, { query, timespan: 'P1D' })).body.rows).toEqual([{ _ResourceId: prodResourceId, rows: 5 }]);
  });

  it.each([
    ['union of every table', 'union * | distinct _ResourceId'],
    ['an explicit other cluster', `ContainerLogV2 | where _ResourceId =~ "${clusterId('other').toLowerCase()}" | distinct _ResourceId`],
    ['a prefix of the id', 'ContainerLogV2 | where _ResourceId startswith "/subscriptions/" | distinct _ResourceId'],
    ['let shadowing a table', 'let ContainerLogV2 = union KubeEvents, ContainerLogV2, AKSAudit; ContainerLogV2 | distinct _ResourceId'],
    ['let over a union', 'let everything = union *; everything | where PodName == "web-9" or PodName == "web-7" | distinct _ResourceId'],
    ['a join with itself', 'ContainerLogV2 | join kind=leftouter (union * | project _ResourceId) on _ResourceId | distinct _ResourceId'],
    ['a table name in another case', 'containerlogv2 | distinct _ResourceId'],
    ['workspace()', `workspace("${WORKSPACE_ID}").ContainerLogV2 | distinct _ResourceId`],
    ['workspace() in brackets after a comment', "union ['workspace'] // comment\n(\"fleet-logs\").ContainerLogV2 | distinct _ResourceId"],
    ['app()', 'app("fleet").requests | distinct _ResourceId'],
    ['search', 'search "another cluster" | distinct _ResourceId'],
  ])('never returns rows of another cluster in the same workspace: %s', async (_name, query) => {
    const answer = await postQuery(ADMIN, { query, timespan: 'P1D' });
    expect([200, 400]).toContain(answer.status);
    if (answer.status === 200) {
      for (const row of answer.body.rows as { _ResourceId: string }[]) expect(row._ResourceId).toBe(prodResourceId);
    }
    expect(JSON.stringify(answer.body)).not.toMatch(/another cluster|prefix cluster|prod-canary|\/other"/);
  });

  it('refuses cross-scope functions itself, naming the query field', async () => {
    const answer = await postQuery(ADMIN, { query: 'workspace ( "x" ).ContainerLogV2' });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: 'query', message: expect.stringContaining('workspace()') })]);
  });

  it.each([
    [OPERATOR, 'Operator on the subscription'],
    [NAMESPACE_ADMIN, 'Admin of one namespace'],
    [READER, 'Reader'],
  ])('refuses %s (%s) with 403, audited', async (who) => {
    const answer = await postQuery(who, { query: 'ContainerLogV2 | take 1' });
    expect(answer.status).toBe(403);
    expect(audit).toMatchObject([{ decision: 'denied', status: 403, action: 'runClusterLogQuery' }]);
  });

  it("passes the service's rejection through as problem+json with its code and message", async () => {
    const syntax = await postQuery(ADMIN, { query: 'ContainerLogV2 | where' });
    expect(syntax.status).toBe(400);
    expect(syntax.body).toMatchObject({ code: 'BadArgumentError', dependency: 'Log Analytics' });
    expect(syntax.body.detail).toMatch(/^Query could not be parsed/);
    expect(audit).toMatchObject([{ outcome: 'failed', status: 400 }]);
    expect(audit[0]!.reason).toContain('rows=0');
    const semantic = await postQuery(ADMIN, { query: 'NoSuchTable | take 1' });
    expect(semantic.status).toBe(400);
    expect(semantic.body.detail).toContain('NoSuchTable');
  });

  it.each([
    ['query', 'of 10,001 characters', { query: 'x'.repeat(10_001) }],
    ['query', 'empty', { query: '' }],
    ['query', 'missing', {}],
    ['timespan', 'over two years', { query: 'ContainerLogV2', timespan: 'P731D' }],
    ['timespan', 'zero', { query: 'ContainerLogV2', timespan: 'PT0S' }],
    ['timespan', 'an interval', { query: 'ContainerLogV2', timespan: '2026-12-01T00:00:00Z/2026-12-01T01:00:00Z' }],
  ])('refuses a body with 400 naming %s (%s)', async (field, _case, body) => {
    const answer = await postQuery(ADMIN, body);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body.errors)).toContain(field);
  });

  it('accepts a query of exactly 10,000 characters', async () => {
    const query = `ContainerLogV2 | summarize Count = count()${' '.repeat(10_000 - 'ContainerLogV2 | summarize Count = count()'.length)}`;
    const answer = await postQuery(ADMIN, { query });
    expect(answer.body).toMatchObject({ rows: [{ Count: 4 }] });
  });

  it('answers 409 without Container Insights and 404 for an unknown cluster', async () => {
    const plain = await postQuery(SUBSCRIPTION_ADMIN, { query: 'ContainerLogV2 | take 1' }, 'plain');
    expect(plain.status).toBe(409);
    expect(plain.body.code).toBe('MonitoringNotEnabled');
    expect(audit).toMatchObject([{ outcome: 'failed', status: 409 }]);
    expect((await postQuery(ADMIN, { query: 'ContainerLogV2 | take 1' }, 'missing')).status).toBe(403);
    expect((await postQuery(SUBSCRIPTION_ADMIN, { query: 'ContainerLogV2 | take 1' }, 'missing')).status).toBe(404);
  });

  it("scopes a cluster whose id extends another's id to its own rows", async () => {
    expect(PROD_CANARY.toLowerCase().startsWith(prodResourceId)).toBe(true);
    const canary = await postQuery(SUBSCRIPTION_ADMIN, { query: 'union * | distinct _ResourceId', timespan: 'P1D' }, 'prod-canary');
    expect(canary.body.rows).toEqual([{ _ResourceId: PROD_CANARY.toLowerCase() }]);
    const prod = await postQuery(SUBSCRIPTION_ADMIN, { query: 'union * | distinct _ResourceId', timespan: 'P1D' }, 'prod');
    expect(prod.body.rows).toEqual([{ _ResourceId: prodResourceId }]);
  });
});
