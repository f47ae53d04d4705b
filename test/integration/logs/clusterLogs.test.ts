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
import { NOW, PROD, RESOURCE_GROUP, SUBSCRIPTION_ID, TRICKY_MESSAGE, WORKSPACE_ID, clusterId, logsWorkspace } from './support/logsWorkspace';

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
const binding = (id: string, objectId: string, role: RoleBinding['role'], scope: string): RoleBinding => ({ id, subject: { kind: 'user', id: objectId }, role, scope });
const bindings: RoleBinding[] = [
  binding('operator', OPERATOR, 'Operator', `/subscriptions/${SUBSCRIPTION_ID}`),
  binding('team-a', TEAM_A, 'Operator', `${PROD}/namespaces/team-a`),
  binding('team-a-reader-b', TEAM_A, 'Reader', `${PROD}/namespaces/team-b`),
  binding('reader', READER, 'Reader', PROD),
];

let emulator: RunningAksEmulator;
let logsServer: RunningLogAnalyticsServer;
let handler: HttpHandler;
const audit: Omit<AuditEvent, 'id'>[] = [];

beforeAll(async () => {
  emulator = await startTestEmulator();
  const monitoring = { addonProfiles: { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: WORKSPACE_RESOURCE_ID } } } };
  for (const [name, overrides] of [['prod', monitoring], ['plain', {}]] as const) {
    const created = await raw(emulator, 'PUT', withApi(clusterPath(RESOURCE_GROUP, name)), basicCluster({ ...overrides, dnsPrefix: name }));
    expect(created.status).toBeLessThan(300);
  }
  logsServer = await startLogAnalyticsServer(createLogAnalyticsApi({ tablesFor: logsWorkspace, now: () => NOW }));

  const settings = testSettings({ FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl, FLEETPLANE_MODE: 'local', FLEETPLANE_ARM_CREDENTIAL: 'emulator', FLEETPLANE_LOGS_ENDPOINT: `${logsServer.origin}/v1` });
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
    reserveAudit: () => Promise.reject(new Error('log queries are reads: nothing is reserved')),
  });
  handler = buildLogs({
    containerService: (subscriptionId) => arm.containerService(subscriptionId),
    workspaceCustomerId: (id) => (id === WORKSPACE_RESOURCE_ID ? Promise.resolve(WORKSPACE_ID) : Promise.reject(new Error(`unknown workspace ${id}`))),
    queryWorkspace: (workspaceId, query, range) => logsClient.queryWorkspace(workspaceId, query, range),
    decide,
    roleBindings: () => Promise.resolve({ bindings, options: {} }),
    recordAudit,
    now: () => new Date(NOW),
    http,
  }).http.getClusterLogs!;
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
