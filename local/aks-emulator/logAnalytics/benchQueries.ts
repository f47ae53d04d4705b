import { performance } from 'node:perf_hooks';
import type { LogRecord } from './logRecords';
import { createLogAnalyticsApi } from './queryApi';
import type { LogTableName } from './tables';

/**
 * Measures the query API over 100,000 ContainerLogV2 and 100,000 Perf records, end to end in process (records to
 * rows, parse and analysis, evaluation, wire JSON). Bounded by iteration counts and a wall-clock budget.
 * Usage: `npm run build && node dist/local/aks-emulator/logAnalytics/benchQueries.js`.
 */
const RECORDS = 100_000;
const ITERATIONS = 15;
const BUDGET_MS = 90_000;
const NOW = Date.parse('2026-11-27T12:00:00Z');
const WORKSPACE = 'bench-workspace';

const QUERIES = [
  'ContainerLogV2 | where LogLevel == "ERROR" | summarize count() by PodNamespace, bin(TimeGenerated, 5m)',
  'ContainerLogV2 | where LogMessage has "timeout" | project TimeGenerated, PodName, LogMessage | take 100',
  'ContainerLogV2 | top 10 by TimeGenerated',
  'Perf | where CounterName == "cpuUsageNanoCores" | summarize avg(CounterValue), percentile(CounterValue, 95) by InstanceName',
  'ContainerLogV2 | summarize arg_max(TimeGenerated, *) by PodName | project PodName, LogLevel',
  'ContainerLogV2 | where PodNamespace in ("default", "batch") | join kind=inner (Perf | summarize Cpu = max(CounterValue) by Computer) on Computer | summarize count() by PodNamespace',
];

function records(): Record<LogTableName, LogRecord[]> {
  const logs: LogRecord[] = [];
  const perf: LogRecord[] = [];
  for (let i = 0; i < RECORDS; i += 1) {
    const time = new Date(NOW - (i % 3_600) * 1_000);
    const pod = `web-${i % 200}`;
    logs.push({
      TimeGenerated: time,
      Computer: `aks-node-${i % 10}`,
      PodName: pod,
      PodNamespace: ['default', 'batch', 'kube-system'][i % 3],
      ContainerName: 'web',
      LogSource: i % 5 === 0 ? 'stderr' : 'stdout',
      LogLevel: i % 50 === 0 ? 'ERROR' : 'INFO',
      LogMessage:
        i % 2 === 0
          ? { level: 'info', msg: `request ${i} done`, latencyMs: i % 997 }
          : `upstream timeout after ${i % 30} s`,
    });
    perf.push({
      TimeGenerated: time,
      Computer: `aks-node-${i % 10}`,
      ObjectName: 'K8SContainer',
      CounterName: i % 2 === 0 ? 'cpuUsageNanoCores' : 'memoryWorkingSetBytes',
      CounterValue: (i % 1_000) * 1e6,
      InstanceName: `cluster/uid-${pod}/web`,
    });
  }
  return {
    ContainerLogV2: logs,
    Perf: perf,
    KubePodInventory: [],
    KubeNodeInventory: [],
    KubeEvents: [],
    AKSControlPlane: [],
    AKSAudit: [],
    AKSAuditAdmin: [],
  };
}

function main(): void {
  const started = performance.now();
  const data = records();
  const api = createLogAnalyticsApi({
    tablesFor: () => ({ records: (table) => data[table] }),
    now: () => NOW,
  });
  const run = (query: string): number => {
    const t0 = performance.now();
    const response = api.handle({
      method: 'POST',
      path: `/v1/workspaces/${WORKSPACE}/query`,
      headers: { authorization: 'Bearer bench' },
      body: { query },
    });
    JSON.stringify(response.body);
    if (response.status !== 200)
      throw new Error(`${query}: ${response.status} ${JSON.stringify(response.body)}`);
    return performance.now() - t0;
  };
  const warmUpStarted = performance.now();
  api.warmUp();
  const warmUpMs = performance.now() - warmUpStarted;
  const firstMs = run(QUERIES[0]!);
  console.log(
    `Log Analytics query API, ${RECORDS.toLocaleString('en')} ContainerLogV2 + ${RECORDS.toLocaleString('en')} Perf records, in process`,
  );
  console.log(`  warm-up (loads the Kusto parser, first analysis): ${warmUpMs.toFixed(0)} ms`);
  console.log(`  first query (converts the records once): ${firstMs.toFixed(0)} ms`);
  for (const query of QUERIES) {
    run(query);
    const samples: number[] = [];
    for (let i = 0; i < ITERATIONS && performance.now() - started < BUDGET_MS; i += 1)
      samples.push(run(query));
    samples.sort((a, b) => a - b);
    const p50 = samples[Math.floor(samples.length / 2)] ?? Number.NaN;
    const max = samples[samples.length - 1] ?? Number.NaN;
    console.log(
      `  p50 ${p50.toFixed(0).padStart(4)} ms  max ${max.toFixed(0).padStart(4)} ms  (n=${samples.length})  ${query}`,
    );
  }
}

main();
