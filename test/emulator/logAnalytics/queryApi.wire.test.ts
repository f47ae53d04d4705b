import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogAnalyticsApi,
  isLogAnalyticsPath,
  type LogAnalyticsApi,
} from '../../../local/aks-emulator/logAnalytics';
import { startLogAnalyticsServer, type RunningLogAnalyticsServer } from './logAnalyticsTestServer';
import { NOW, WORKSPACE_ID, sampleTablesFor } from './sampleWorkspace';

/** The query API's exact wire: bodies, envelopes and headers, checked with plain HTTPS requests. */
let api: LogAnalyticsApi;
let server: RunningLogAnalyticsServer;

beforeAll(async () => {
  api = createLogAnalyticsApi({ tablesFor: sampleTablesFor, now: () => NOW });
  server = await startLogAnalyticsServer(api);
}, 60_000);

afterAll(async () => {
  await server.close();
});

afterEach(() => api.faults.clear());

interface WireResponse {
  status: number;
  headers: Headers;
  body: any;
}

async function call(
  method: string,
  target: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<WireResponse> {
  const response = await fetch(`${server.origin}${target}`, {
    method,
    headers: {
      authorization: 'Bearer test',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, headers: response.headers, body: JSON.parse(await response.text()) };
}

const query = (
  text: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<WireResponse> =>
  call('POST', `/v1/workspaces/${WORKSPACE_ID}/query`, { query: text, timespan: 'PT1H', ...extra }, headers);

const fixture = (name: string): any =>
  JSON.parse(
    readFileSync(path.resolve(__dirname, '..', '..', 'fixtures', 'loganalytics-query', name), 'utf8'),
  );

/** Keys of an object, sorted, to compare response shapes with the service's examples. */
const keysOf = (value: object): string[] => Object.keys(value).sort();

describe('Log Analytics query API wire', () => {
  it('answers a query with PrimaryResult: datetimes ISO, timespans .NET-style, dynamic as JSON text', async () => {
    const response = await query(
      'KubeEvents | where Reason == "BackOff" | project TimeGenerated, Count, Age = now() - TimeGenerated, Open = LastSeen > ago(1h), ' +
        'Meta = parse_json(\'{"a":1}\'), Text = parse_json("plain")',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-ms-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body).toEqual({
      tables: [
        {
          name: 'PrimaryResult',
          columns: [
            { name: 'TimeGenerated', type: 'datetime' },
            { name: 'Count', type: 'real' },
            { name: 'Age', type: 'timespan' },
            { name: 'Open', type: 'bool' },
            { name: 'Meta', type: 'dynamic' },
            { name: 'Text', type: 'dynamic' },
          ],
          rows: [['2026-11-27T11:20:00Z', 5, '00:40:00', true, '{"a":1}', 'plain']],
        },
      ],
    });
  });

  it('has the response structure of the service examples (simple, GET, cross-workspace)', async () => {
    const post = fixture('oms-post-example.json');
    const response = await query('KubeNodeInventory | take 2', { timespan: post.parameters.body.timespan });
    const example = post.responses['200'].body;
    expect(keysOf(response.body)).toEqual(keysOf(example));
    expect(keysOf(response.body.tables[0])).toEqual(keysOf(example.tables[0]));
    expect(keysOf(response.body.tables[0].columns[0])).toEqual(keysOf(example.tables[0].columns[0]));
    expect(response.body.tables[0].rows).toHaveLength(2);

    const get = fixture('oms-get-example.json');
    const viaGet = await call(
      'GET',
      `/v1/workspaces/${WORKSPACE_ID}/query?query=${encodeURIComponent('KubeEvents | take 1')}&timespan=${get.parameters.timespan}`,
    );
    expect(viaGet.status).toBe(200);
    expect(keysOf(viaGet.body.tables[0])).toEqual(keysOf(get.responses['200'].body.tables[0]));

    const cross = fixture('oms-post-cross-workspace-example.json');
    const crossResponse = await call('POST', `/v1/workspaces/${WORKSPACE_ID}/query`, {
      ...cross.parameters.body,
      workspaces: [WORKSPACE_ID],
      query: cross.parameters.body.query,
    });
    expect(crossResponse.status).toBe(200);
    expect(crossResponse.body.tables[0].columns).toEqual(cross.responses['200'].body.tables[0].columns);
  });

  it('answers the service example query over a table the workspace lacks with SEM0100', async () => {
    const post = fixture('oms-post-example.json');
    const response = await query(post.parameters.body.query);
    expect(response.status).toBe(400);
    expect(response.body.error.innererror.innererror).toEqual({
      code: 'SEM0100',
      message: "'take' operator: Failed to resolve table or column expression named 'Usage'",
    });
  });

  it('renders syntax errors as BadArgumentError / SyntaxError / SYN0002 with line, position and token', async () => {
    const response = await query('completely invalid syntax');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        message: 'The request had some invalid properties',
        code: 'BadArgumentError',
        correlationId: response.headers.get('x-ms-correlation-request-id'),
        innererror: {
          code: 'SyntaxError',
          message: 'A recognition error occurred in the query.',
          innererror: {
            code: 'SYN0002',
            message: "Query could not be parsed at 'invalid' on line [1,11]",
            line: 1,
            pos: 11,
            token: 'invalid',
          },
        },
      },
    });
  });

  it('renders semantic errors and unsupported operators as BadArgumentError / SemanticError', async () => {
    const response = await query('KubePodInventory | summarize make_set(Name)');
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      message: 'The request had some invalid properties',
      code: 'BadArgumentError',
      innererror: {
        code: 'SemanticError',
        message: 'A semantic error occurred.',
        innererror: {
          code: 'EmulatorUnsupported',
          message: "The aggregation function 'make_set()' is not supported by the Log Analytics emulator",
        },
      },
    });
  });

  it('cuts results at the data-size limit with the engine E_QUERY_RESULT_SET_TOO_LARGE partial error', () => {
    const small = createLogAnalyticsApi({
      tablesFor: sampleTablesFor,
      now: () => NOW,
      limits: { maxRecords: 500_000, maxBytes: 60 },
    });
    const response = small.handle({
      method: 'POST',
      path: `/v1/workspaces/${WORKSPACE_ID}/query`,
      headers: { authorization: 'Bearer t' },
      body: { query: 'KubeEvents | project Message', timespan: 'PT1H' },
    });
    const body = response.body as any;
    expect(response.status).toBe(200);
    expect(body.tables[0].rows).toEqual([['Back-off restarting failed container']]);
    expect(body.error).toEqual({
      code: 'PartialError',
      message: 'There were some errors when processing your query.',
      details: [
        {
          code: 'EngineError',
          message: 'Something went wrong processing your query on the server.',
          innererror: {
            code: '-2133196797',
            message:
              'Query result set has exceeded the internal data size limit 60 (E_QUERY_RESULT_SET_TOO_LARGE; see https://aka.ms/kustoquerylimits)',
            severity: 2,
            severityName: 'Error',
          },
        },
      ],
    });
    const records = createLogAnalyticsApi({
      tablesFor: sampleTablesFor,
      now: () => NOW,
      limits: { maxRecords: 1, maxBytes: 64_000_000 },
    }).handle({
      method: 'POST',
      path: `/workspaces/${WORKSPACE_ID}/query`,
      headers: { authorization: 'Bearer t' },
      body: JSON.stringify({ query: 'KubeEvents', timespan: 'PT1H' }),
    });
    expect((records.body as any).error.details[0].innererror.message).toBe(
      'Query result set has exceeded the internal record count limit 1 (E_QUERY_RESULT_SET_TOO_LARGE; see https://aka.ms/kustoquerylimits)',
    );
  });

  it('answers 504 GatewayTimeout past Prefer: wait, which is capped at 10 minutes', async () => {
    api.faults.inject({ runSeconds: 700 });
    const response = await query('KubeEvents', {}, { prefer: 'wait=900' });
    expect(response.status).toBe(504);
    expect(response.body.error).toMatchObject({
      code: 'GatewayTimeout',
      message: 'Gateway timeout',
      innererror: { code: 'GatewayTimeout' },
    });
    api.faults.clear();
    api.faults.inject({ runSeconds: 500 });
    expect((await query('KubeEvents', {}, { prefer: 'wait=600, include-statistics=true' })).status).toBe(200);
  });

  it('runs the service batch example shape: responses by id with status and body', async () => {
    const example = fixture('batch-query-example.json');
    const requests = example.parameters.body.requests.map((request: any, index: number) => ({
      ...request,
      workspace: WORKSPACE_ID,
      body: { query: index === 0 ? 'KubeNodeInventory | take 2' : 'KubeEvents | take 3', timespan: 'PT2H' },
    }));
    const response = await call('POST', '/v1/$batch', {
      requests: [...requests, { ...requests[0], id: '3', body: { query: 'KubeEvents |' } }],
    });
    expect(response.status).toBe(200);
    expect(keysOf(response.body)).toEqual(keysOf(example.responses['200'].body));
    const [first, second, third] = response.body.responses;
    expect(keysOf(first)).toEqual(keysOf(example.responses['200'].body.responses[0]));
    expect([first.id, first.status, first.body.tables[0].rows.length]).toEqual(['1', 200, 2]);
    expect([second.id, second.status, second.body.tables[0].rows.length]).toEqual(['2', 200, 3]);
    expect([third.id, third.status, third.body.error.innererror.code]).toEqual(['3', 400, 'SyntaxError']);
  });

  it('refuses malformed requests: no token, no query, bad timespan, bad JSON, unknown path', async () => {
    const noToken = await fetch(`${server.origin}/v1/workspaces/${WORKSPACE_ID}/query`, {
      method: 'POST',
      body: '{"query":"KubeEvents"}',
    });
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as any).error.code).toBe('AuthorizationRequiredError');
    const noQuery = await call('POST', `/v1/workspaces/${WORKSPACE_ID}/query`, { timespan: 'PT1H' });
    expect([noQuery.status, noQuery.body.error.code]).toEqual([400, 'BadArgumentError']);
    const badTimespan = await query('KubeEvents', { timespan: 'yesterday' });
    expect([badTimespan.status, badTimespan.body.error.innererror.code]).toEqual([400, 'InvalidTimespan']);
    const badJson = await call('POST', `/v1/workspaces/${WORKSPACE_ID}/query`, '{"query":');
    expect([badJson.status, badJson.body.error.innererror.code]).toEqual([400, 'InvalidRequestBody']);
    const unknownPath = await call('POST', `/v1/subscriptions/x/query`, { query: 'KubeEvents' });
    expect([unknownPath.status, unknownPath.body.error.code]).toEqual([404, 'PathNotFoundError']);
  });

  it('tells a mounting server which paths are its own', () => {
    expect(isLogAnalyticsPath(`/v1/workspaces/${WORKSPACE_ID}/query`)).toBe(true);
    expect(isLogAnalyticsPath(`/workspaces/${WORKSPACE_ID}/query?x=1`)).toBe(true);
    expect(isLogAnalyticsPath('/v1/$batch')).toBe(true);
    expect(
      isLogAnalyticsPath(
        '/subscriptions/s/resourceGroups/r/providers/Microsoft.ContainerService/managedClusters/c',
      ),
    ).toBe(false);
  });
});
