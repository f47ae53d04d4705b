import type { TokenCredential } from '@azure/identity';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogAnalyticsApi, type LogAnalyticsApi } from '../../../local/aks-emulator/logAnalytics';
import { DependencyRejectedError, DependencyUnavailableError } from '../../../shared/domain/errors';
import { buildLogQuery } from '../../../shared/domain/logs/logQuery';
import { LogsClient } from '../../../shared/platform/monitor/logsClient';
import { startLogAnalyticsServer, type RunningLogAnalyticsServer } from '../../emulator/logAnalytics/logAnalyticsTestServer';
import { NOW, PROD, TRICKY_MESSAGE, WORKSPACE_ID, logsWorkspace, logsWorkspacesOfResource } from './support/logsWorkspace';

/** The platform's LogsClient (real LogsQueryClient) against the emulator's query API over HTTPS. */
let api: LogAnalyticsApi;
let server: RunningLogAnalyticsServer;
let client: LogsClient;
const credential: TokenCredential = { getToken: () => Promise.resolve({ token: 'test', expiresOnTimestamp: Date.now() + 3_600_000 }) };
const lastHour = { start: new Date(NOW - 3_600_000), end: new Date(NOW) };

beforeAll(async () => {
  api = createLogAnalyticsApi({ tablesFor: logsWorkspace, workspacesOfResource: logsWorkspacesOfResource, now: () => NOW });
  server = await startLogAnalyticsServer(api);
  client = new LogsClient({ FLEETPLANE_LOGS_ENDPOINT: `${server.origin}/v1` }, () => credential, { maxRetries: 0 });
}, 60_000);

afterAll(async () => {
  await server.close();
});

afterEach(() => api.faults.clear());

const containersQuery = (filters = {}) =>
  buildLogQuery({ source: 'containers', clusterResourceId: PROD, scope: { kind: 'cluster' }, filters, range: lastHour, limit: 10 });

describe('LogsClient', () => {
  it('returns the rows of a built query, newest first, with the column types', async () => {
    const result = await client.queryWorkspace(WORKSPACE_ID, containersQuery(), lastHour);
    expect(result.partialError).toBeUndefined();
    expect(result.columns.slice(0, 3)).toEqual([
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'PodNamespace', type: 'string' },
      { name: 'PodName', type: 'string' },
    ]);
    expect(result.rows.map((row) => row[2])).toEqual(['web-1', 'web-1', 'api-1', 'coredns-1']);
  });

  it('matches a value with quotes, backslashes and a pipe exactly', async () => {
    const result = await client.queryWorkspace(WORKSPACE_ID, containersQuery({ contains: TRICKY_MESSAGE }), lastHour);
    expect(result.rows.map((row) => row[6])).toEqual([TRICKY_MESSAGE]);
  });

  it("keeps a rejected query's code and the service's most specific message", async () => {
    const failure = await client.queryWorkspace(WORKSPACE_ID, 'ContainerLogV2 | where', lastHour).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DependencyRejectedError);
    expect(failure).toMatchObject({ status: 400, code: 'BadArgumentError', dependency: 'Log Analytics' });
    expect((failure as Error).message).toMatch(/^Query could not be parsed/);
  });

  it('reports an unknown workspace as rejected with the service code', async () => {
    const failure = await client.queryWorkspace('00000000-0000-4000-8000-000000000000', containersQuery(), lastHour).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DependencyRejectedError);
    expect(failure).toMatchObject({ status: 404, code: 'WorkspaceNotFoundError' });
  });

  it('turns a query past its server timeout (504) into "retry later"', async () => {
    api.faults.inject({ runSeconds: 3_600 });
    const failure = await client.queryWorkspace(WORKSPACE_ID, containersQuery(), lastHour).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DependencyUnavailableError);
    expect((failure as Error).message).toContain('504');
  });

  it('returns the rows of a partial failure with its error', async () => {
    api.faults.inject({ partialErrorMessage: 'Query result set has exceeded the internal data size limit' });
    const result = await client.queryWorkspace(WORKSPACE_ID, containersQuery(), lastHour);
    expect(result.rows).toHaveLength(4);
    expect(result.partialError?.code).toBe('PartialError');
  });

  it('runs a resource-context query for an ARM id with its leading slash (which the SDK alone would send as //)', async () => {
    const result = await client.queryResource(PROD, 'union * | summarize rows = count() by _ResourceId', 'PT1H');
    expect(result.rows).toEqual([[PROD.toLowerCase(), 8]]);
  });

  it("keeps a rejected resource-context query's code", async () => {
    const failure = await client.queryResource(PROD, 'ContainerLogV2 | where', 'PT1H').catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 400, code: 'BadArgumentError' });
  });

  it('reports an unreachable service as unavailable', async () => {
    const closed = new LogsClient({ FLEETPLANE_LOGS_ENDPOINT: 'https://127.0.0.1:1/v1' }, () => credential, { maxRetries: 0 });
    await expect(closed.queryWorkspace(WORKSPACE_ID, containersQuery(), lastHour)).rejects.toBeInstanceOf(DependencyUnavailableError);
  });
});
