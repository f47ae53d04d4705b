import {
  LogsQueryResultStatus,
  type LogsQueryClient,
  type LogsQueryResult,
  type LogsTable,
} from '@azure/monitor-query-logs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogAnalyticsApi, type LogAnalyticsApi } from '../../../local/aks-emulator/logAnalytics';
import {
  logsClient,
  startLogAnalyticsServer,
  type RunningLogAnalyticsServer,
} from './logAnalyticsTestServer';
import { DEV_WORKSPACE_ID, NOW, WORKSPACE_ID, minutesAgo, sampleTablesFor } from './sampleWorkspace';

/**
 * `LogsQueryClient` (@azure/monitor-query-logs, unmodified) against the emulator's query API, one documented
 * query shape per test over sampleWorkspace.ts; every expected row is worked out by hand from those records.
 */
let api: LogAnalyticsApi;
let server: RunningLogAnalyticsServer;
let client: LogsQueryClient;

beforeAll(async () => {
  api = createLogAnalyticsApi({ tablesFor: sampleTablesFor, now: () => NOW });
  server = await startLogAnalyticsServer(api);
  client = logsClient(server);
}, 60_000);

afterAll(async () => {
  await server.close();
});

afterEach(() => api.faults.clear());

function primary(result: LogsQueryResult): LogsTable {
  if (result.status !== LogsQueryResultStatus.Success)
    throw new Error(`expected success, got ${JSON.stringify(result)}`);
  expect(result.tables).toHaveLength(1);
  return result.tables[0]!;
}

const names = (table: LogsTable): string[] =>
  table.columnDescriptors.map((column) => `${column.name}:${column.type}`);

async function caught(
  pending: Promise<unknown>,
): Promise<{ statusCode?: number; code?: string; details?: any }> {
  try {
    await pending;
  } catch (error) {
    return error as { statusCode?: number; code?: string; details?: any };
  }
  throw new Error('expected the query to fail');
}

describe('Log Analytics query API through LogsQueryClient', () => {
  it('counts pods by status over the last hour (where, ago, summarize count() by)', async () => {
    const table = primary(
      await client.queryWorkspace(
        WORKSPACE_ID,
        'KubePodInventory | where TimeGenerated > ago(1h) | summarize count() by PodStatus',
        {
          duration: 'PT2H',
        },
      ),
    );
    expect(table.name).toBe('PrimaryResult');
    expect(names(table)).toEqual(['PodStatus:string', 'count_:long']);
    expect(table.rows).toEqual([
      ['Running', 3],
      ['Failed', 1],
      ['Pending', 1],
    ]);
  });

  it('lists recent error logs (in, !=, project, order by, take); dynamic JSON arrives parsed, text as text', async () => {
    const table = primary(
      await client.queryWorkspace(
        WORKSPACE_ID,
        'ContainerLogV2 | where LogLevel in ("ERROR", "CRITICAL") and PodNamespace != "kube-system" ' +
          '| project TimeGenerated, PodName, LogMessage | order by TimeGenerated desc | take 10',
        { duration: 'PT1H' },
      ),
    );
    expect(names(table)).toEqual(['TimeGenerated:datetime', 'PodName:string', 'LogMessage:dynamic']);
    expect(table.rows).toEqual([
      [minutesAgo(35), 'web-8x2', 'panic: runtime error: index out of range'],
      [minutesAgo(40), 'web-8x2', { level: 'error', msg: 'upstream timeout', status: 504, latencyMs: 30000 }],
    ]);
  });

  it('reads JSON log fields (dynamic access, or, extend, tostring, toint, todouble)', async () => {
    const table = primary(
      await client.queryWorkspace(
        WORKSPACE_ID,
        'ContainerLogV2 | where LogMessage.level == "error" or toint(LogMessage.status) >= 500 ' +
          '| extend Msg = tostring(LogMessage.msg), Latency = todouble(LogMessage.latencyMs) | project PodName, Msg, Latency',
        { duration: 'PT1H' },
      ),
    );
    expect(names(table)).toEqual(['PodName:string', 'Msg:string', 'Latency:real']);
    expect(table.rows).toEqual([['web-8x2', 'upstream timeout', 30000]]);
  });

  it('aggregates container CPU per 5-minute bin (avg, percentile, bin, top)', async () => {
    const table = primary(
      await client.queryWorkspace(
        WORKSPACE_ID,
        'Perf | where ObjectName == "K8SContainer" and CounterName == "cpuUsageNanoCores" ' +
          '| summarize AvgCpu = avg(CounterValue), P95 = percentile(CounterValue, 95), Samples = count() by bin(TimeGenerated, 5m), InstanceName ' +
          '| top 3 by AvgCpu',
        { duration: 'PT1H' },
      ),
    );
    expect(names(table)).toEqual([
      'TimeGenerated:datetime',
      'InstanceName:string',
      'AvgCpu:real',
      'P95:real',
      'Samples:long',
    ]);
    expect(
      table.rows.map(([time, instance, ...rest]) => [
        time,
        (instance as string).split('/').slice(-2).join('/'),
        ...rest,
      ]),
    ).toEqual([
      [minutesAgo(5), 'uid-web-7f9/web', 300e6, 300e6, 1],
      [minutesAgo(10), 'uid-web-7f9/web', 200e6, 200e6, 1],
      [minutesAgo(5), 'uid-api-5d6/api', 70e6, 70e6, 1],
    ]);
  });

  it('compares CPU usage with requests (let, max, join kind=inner, arithmetic, sort by)', async () => {
    const table = primary(
      await client.queryWorkspace(
        WORKSPACE_ID,
        'let usage = Perf | where CounterName == "cpuUsageNanoCores" | summarize Used = max(CounterValue) by InstanceName; ' +
          'let requests = Perf | where CounterName == "cpuRequestNanoCores" | project InstanceName, Requested = CounterValue; ' +
          'usage | join kind=inner requests on InstanceName | extend Ratio = Used / Requested ' +
          '| project InstanceName, Used, Requested, Ratio | sort by Ratio desc',
        { duration: 'PT1H' },
      ),
    );
    expect(names(table)).toEqual(['InstanceName:string', 'Used:real', 'Requested:real', 'Ratio:real']);
    expect(table.rows.map(([instance, ...rest]) => [(instance as string).split('/').pop(), ...rest])).toEqual(
      [
        ['web', 300e6, 250e6, 1.2],
        ['api', 70e6, 100e6, 0.7],
      ],
    );
  });

  it('takes the latest inventory row per node (arg_max(TimeGenerated, *) by)', async () => {
    const table = primary(
      await client.queryWorkspace(
        WORKSPACE_ID,
        'KubeNodeInventory | summarize arg_max(TimeGenerated, *) by Computer | project Computer, Status, KubeletVersion, LastSeen = TimeGenerated',
        { duration: 'PT2H' },
      ),
    );
    expect(table.rows).toEqual([
      ['aks-system-0', 'Ready', 'v1.35.3', minutesAgo(30)],
      ['aks-user-0', 'MemoryPressure', 'v1.35.3', minutesAgo(30)],
    ]);
  });

  it('summarizes warning events (sum, make_list, dcount, max, order by)', async () => {
    const table = primary(
      await client.queryWorkspace(
        WORKSPACE_ID,
        'KubeEvents | where KubeEventType == "Warning" ' +
          '| summarize Events = sum(Count), Reasons = make_list(Reason), Objects = dcount(Name), Last = max(LastSeen) by Namespace | order by Events desc',
        { duration: 'PT1H' },
      ),
    );
    expect(names(table)).toEqual([
      'Namespace:string',
      'Events:real',
      'Reasons:dynamic',
      'Objects:long',
      'Last:datetime',
    ]);
    expect(table.rows).toEqual([
      ['default', 5, ['BackOff'], 1, minutesAgo(40)],
      ['batch', 3, ['FailedScheduling'], 1, minutesAgo(38)],
    ]);
  });

  it('adds node status to unhealthy pods (join kind=leftouter; unmatched right strings are empty)', async () => {
    const table = primary(
      await client.queryWorkspace(
        WORKSPACE_ID,
        'KubePodInventory | where TimeGenerated > ago(1h) and PodStatus != "Running" ' +
          '| join kind=leftouter (KubeNodeInventory | summarize arg_max(TimeGenerated, Status) by Computer) on Computer ' +
          '| project Name, PodStatus, Computer, NodeStatus = Status',
        { duration: 'PT2H' },
      ),
    );
    expect(table.rows).toEqual([
      ['web-8x2', 'Failed', 'aks-user-0', 'MemoryPressure'],
      ['job-pending', 'Pending', '', ''],
    ]);
  });

  it('lists who changed what in both audit tables (let, union, !in, extend, distinct)', async () => {
    const table = primary(
      await client.queryWorkspace(
        WORKSPACE_ID,
        'let since = ago(1h); union AKSAudit, AKSAuditAdmin | where TimeGenerated > since and Verb !in ("get", "list", "watch") ' +
          '| extend Username = tostring(User.username) | distinct Verb, Username',
        { duration: 'PT1H' },
      ),
    );
    expect(table.rows).toEqual([
      ['create', 'alice@contoso.com'],
      ['delete', 'bob@contoso.com'],
    ]);
  });

  it('finds control-plane trouble (=~, has, and/or, sort by asc)', async () => {
    const table = primary(
      await client.queryWorkspace(
        WORKSPACE_ID,
        'AKSControlPlane | where (Category == "kube-apiserver" and Level =~ "ERROR") or Message has "timeout" ' +
          '| project TimeGenerated, Category, Message | sort by TimeGenerated asc',
        { duration: 'PT1H' },
      ),
    );
    expect(table.rows).toEqual([
      [minutesAgo(15), 'kube-apiserver', 'etcdserver: request timed out'],
      [minutesAgo(12), 'cluster-autoscaler', 'scale-up timeout exceeded'],
    ]);
  });

  it('filters with startswith, not, between, datetime, timespan, isnotempty, contains, parse_json; project-away; limit', async () => {
    const table = primary(
      await client.queryWorkspace(
        WORKSPACE_ID,
        'ContainerLogV2 | where PodName startswith "WEB" and not(LogSource == "stderr") ' +
          'and TimeGenerated between (datetime(2026-11-27T11:00:00Z) .. 1h) and isnotempty(ContainerName) and tostring(LogMessage) contains "get" ' +
          '| extend Status = toint(parse_json(tostring(LogMessage)).status) ' +
          '| project-away KubernetesMetadata, _ResourceId, TenantId, SourceSystem, Type | limit 5',
        { duration: 'P1D' },
      ),
    );
    expect(names(table)).toEqual([
      'TimeGenerated:datetime',
      'Computer:string',
      'ContainerId:string',
      'ContainerName:string',
      'LogLevel:string',
      'LogMessage:dynamic',
      'LogSource:string',
      'PodName:string',
      'PodNamespace:string',
      'Status:int',
    ]);
    expect(table.rows.map((row) => [row[0], row[7], row[9]])).toEqual([
      [minutesAgo(50), 'web-7f9', 200],
      [minutesAgo(5), 'web-7f9', 200],
    ]);
  });

  it('counts restarts and unhealthy pods per namespace (now(), sum, countif, min)', async () => {
    const table = primary(
      await client.queryWorkspace(
        WORKSPACE_ID,
        'KubePodInventory | where TimeGenerated > now() - 1h ' +
          '| summarize Restarts = sum(PodRestartCount), Unhealthy = countif(PodStatus != "Running"), FirstSeen = min(TimeGenerated) by Namespace',
        { duration: 'P1D' },
      ),
    );
    expect(table.rows).toEqual([
      ['kube-system', 0, 0, minutesAgo(30)],
      ['default', 5, 1, minutesAgo(30)],
      ['batch', 0, 1, minutesAgo(30)],
    ]);
  });

  it('applies a start/end timespan to TimeGenerated, and serves the path without /v1', async () => {
    const withoutV1 = logsClient(server, '');
    const table = primary(
      await withoutV1.queryWorkspace(WORKSPACE_ID, 'KubePodInventory | distinct Name', {
        startTime: minutesAgo(240),
        endTime: minutesAgo(120),
      }),
    );
    expect(table.rows).toEqual([['web-old']]);
  });

  it('queries several workspaces at once (additionalWorkspaces), TenantId telling them apart', async () => {
    const table = primary(
      await client.queryWorkspace(
        WORKSPACE_ID,
        'KubeNodeInventory | summarize Nodes = dcount(Computer) by TenantId, ClusterName',
        { duration: 'PT2H' },
        {
          additionalWorkspaces: [DEV_WORKSPACE_ID],
        },
      ),
    );
    expect(table.rows).toEqual([
      [WORKSPACE_ID, 'aks-prod', 2],
      [DEV_WORKSPACE_ID, 'aks-dev', 1],
    ]);
  });

  it('returns statistics when asked (Prefer: include-statistics=true)', async () => {
    const result = await client.queryWorkspace(
      WORKSPACE_ID,
      'KubeEvents | take 1',
      { duration: 'PT1H' },
      { includeQueryStatistics: true },
    );
    expect(result.status).toBe(LogsQueryResultStatus.Success);
    expect(typeof (result.statistics as { query: { executionTime: unknown } }).query.executionTime).toBe(
      'number',
    );
  });

  it('runs a batch; each entry succeeds or fails on its own, in request order', async () => {
    const results = await client.queryBatch([
      {
        workspaceId: WORKSPACE_ID,
        query: 'KubeNodeInventory | distinct Computer',
        timespan: { duration: 'PT2H' },
      },
      { workspaceId: WORKSPACE_ID, query: 'KubeNodeInventory | where', timespan: { duration: 'PT2H' } },
      {
        workspaceId: DEV_WORKSPACE_ID,
        query: 'KubeNodeInventory | project Computer',
        timespan: { duration: 'PT2H' },
      },
    ]);
    expect(results).toHaveLength(3);
    expect(primary(results[0] as LogsQueryResult).rows).toEqual([['aks-system-0'], ['aks-user-0']]);
    expect(results[1]).toMatchObject({
      status: LogsQueryResultStatus.PartialFailure,
      partialTables: [],
      partialError: { code: 'BadArgumentError' },
    });
    expect(primary(results[2] as LogsQueryResult).rows).toEqual([['aks-dev-0']]);
  });
});

describe('Log Analytics query API errors through LogsQueryClient', () => {
  it('throws the service syntax error (400 BadArgumentError / SyntaxError / SYN0002)', async () => {
    const error = await caught(
      client.queryWorkspace(WORKSPACE_ID, 'KubePodInventory | where', { duration: 'PT1H' }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('BadArgumentError');
    expect(error.details.error.innererror).toMatchObject({
      code: 'SyntaxError',
      message: 'A recognition error occurred in the query.',
      innererror: { code: 'SYN0002', message: "Query could not be parsed at '<EOF>' on line [1,24]" },
    });
  });

  it('throws the service semantic error for an unknown column (SEM0100)', async () => {
    const error = await caught(
      client.queryWorkspace(WORKSPACE_ID, 'KubePodInventory | where Phase == "Running"', {
        duration: 'PT1H',
      }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.details.error.innererror).toMatchObject({
      code: 'SemanticError',
      message: 'A semantic error occurred.',
      innererror: {
        code: 'SEM0100',
        message: "'where' operator: Failed to resolve column or scalar expression named 'Phase'",
      },
    });
  });

  it('refuses an operator outside the subset with the semantic error shape, naming the operator', async () => {
    const error = await caught(
      client.queryWorkspace(WORKSPACE_ID, 'ContainerLogV2 | mv-expand KubernetesMetadata', {
        duration: 'PT1H',
      }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('BadArgumentError');
    expect(error.details.error.innererror).toMatchObject({
      code: 'SemanticError',
      innererror: {
        code: 'EmulatorUnsupported',
        message: "The 'mv-expand' operator is not supported by the Log Analytics emulator",
      },
    });
  });

  it('answers 404 for an unknown workspace', async () => {
    const error = await caught(
      client.queryWorkspace('00000000-0000-0000-0000-00000000dead', 'KubeEvents', { duration: 'PT1H' }),
    );
    expect(error).toMatchObject({ statusCode: 404, code: 'WorkspaceNotFoundError' });
  });

  it('answers 504 when the query outlasts Prefer: wait (serverTimeoutInSeconds), and runs within the default 3 minutes', async () => {
    api.faults.inject({ queryContains: 'KubeEvents', runSeconds: 90 });
    const error = await caught(
      client.queryWorkspace(WORKSPACE_ID, 'KubeEvents', { duration: 'PT1H' }, { serverTimeoutInSeconds: 60 }),
    );
    expect(error).toMatchObject({ statusCode: 504, code: 'GatewayTimeout' });
    const result = await client.queryWorkspace(WORKSPACE_ID, 'KubeEvents', { duration: 'PT1H' });
    expect(result.status).toBe(LogsQueryResultStatus.Success);
  });

  it('reports an injected partial error as PartialFailure with the partial tables', async () => {
    api.faults.inject({
      queryContains: 'KubeEvents',
      partialErrorMessage: 'Query execution lacks memory resources to complete',
      times: 1,
    });
    const result = await client.queryWorkspace(WORKSPACE_ID, 'KubeEvents | project Reason', {
      duration: 'PT1H',
    });
    expect(result).toMatchObject({
      status: LogsQueryResultStatus.PartialFailure,
      partialError: {
        code: 'PartialError',
        message: 'There were some errors when processing your query.',
        details: [{ code: 'EngineError' }],
      },
    });
    expect(result.status === LogsQueryResultStatus.PartialFailure && result.partialTables[0]?.rows).toEqual([
      ['BackOff'],
      ['FailedScheduling'],
      ['Pulled'],
    ]);
  });
});

describe('Log Analytics query API row limit through LogsQueryClient', () => {
  it('cuts results at the record limit and reports a partial failure', async () => {
    const limited = createLogAnalyticsApi({
      tablesFor: sampleTablesFor,
      now: () => NOW,
      limits: { maxRecords: 2, maxBytes: 64_000_000 },
    });
    const limitedServer = await startLogAnalyticsServer(limited);
    try {
      const result = await logsClient(limitedServer).queryWorkspace(
        WORKSPACE_ID,
        'ContainerLogV2 | project PodName',
        { duration: 'PT1H' },
      );
      expect(result.status).toBe(LogsQueryResultStatus.PartialFailure);
      expect(result.status === LogsQueryResultStatus.PartialFailure && result.partialTables[0]?.rows).toEqual(
        [['web-7f9'], ['web-8x2']],
      );
    } finally {
      await limitedServer.close();
    }
  });
});
