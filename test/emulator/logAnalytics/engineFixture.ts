import type { KqlDataSource } from '../../../local/aks-emulator/logAnalytics/kql/runQuery';
import { runKql } from '../../../local/aks-emulator/logAnalytics/kql/runQuery';
import type { Column, KqlValue, Row, Table } from '../../../local/aks-emulator/logAnalytics/kql/table';
import { formatDateTime, formatTimespan } from '../../../local/aks-emulator/logAnalytics/kql/timeValues';

/**
 * Small fixed tables for the evaluator's unit tests; every expected result in those tests is worked out by hand
 * from these rows. T is 2026-11-27T00:00:00Z and queries run at T+3h.
 */
export const T = Date.parse('2026-11-27T00:00:00Z');
export const NOW = T + 3 * 3600e3;
const minutes = (n: number): number => T + n * 60e3;

const col = (name: string, type: Column['type']): Column => ({ name, type });

const pods = {
  name: 'Pods',
  columns: [
    col('TimeGenerated', 'datetime'),
    col('Computer', 'string'),
    col('Namespace', 'string'),
    col('Name', 'string'),
    col('PodStatus', 'string'),
    col('RestartCount', 'long'),
    col('CpuMillis', 'real'),
    col('Labels', 'dynamic'),
  ],
  rows: [
    [
      minutes(0),
      'aks-node-1',
      'kube-system',
      'coredns-1',
      'Running',
      0,
      12.5,
      { app: 'coredns', tier: 'system' },
    ],
    [minutes(10), 'aks-node-1', 'default', 'web-1', 'Running', 2, 40, { app: 'web' }],
    [minutes(20), 'aks-node-2', 'default', 'web-2', 'Pending', null, null, null],
    [minutes(70), 'aks-node-2', 'default', 'Web-3', 'Failed', 5, 80, { app: 'web', tier: 'frontend' }],
    [minutes(130), '', 'batch', 'job-1', 'Succeeded', 1, 5, { app: 'job' }],
  ] as Row[],
};

const nodes = {
  name: 'Nodes',
  columns: [
    col('TimeGenerated', 'datetime'),
    col('Computer', 'string'),
    col('Status', 'string'),
    col('KubeletVersion', 'string'),
  ],
  rows: [
    [T, 'aks-node-1', 'Ready', 'v1.35.3'],
    [T, 'aks-node-2', 'Ready,MemoryPressure', 'v1.35.3'],
    [T, 'aks-node-3', 'NotReady', 'v1.34.7'],
    [minutes(60), 'aks-node-1', 'Ready', 'v1.35.3'],
  ] as Row[],
};

const events = {
  name: 'Events',
  columns: [
    col('TimeGenerated', 'datetime'),
    col('Name', 'string'),
    col('Reason', 'string'),
    col('Count', 'long'),
  ],
  rows: [
    [minutes(5), 'web-2', 'FailedScheduling', 3],
    [minutes(75), 'Web-3', 'BackOff', 12],
  ] as Row[],
};

const legacy = {
  name: 'Legacy',
  columns: [col('TimeGenerated', 'datetime'), col('Count', 'string')],
  rows: [[T, 'many']] as Row[],
};

const tables = [pods, nodes, events, legacy];

export const engineSource: KqlDataSource = {
  schemas: tables.map(({ name, columns }) => ({ name, columns })),
  rows: (name) => tables.find((table) => table.name === name)?.rows ?? [],
};

export interface Shown {
  columns: string[];
  rows: KqlValue[][];
}

/** Runs a query over the fixture; datetimes and timespans are shown as the wire shows them. */
export function run(query: string): Shown {
  return show(runKql(query, engineSource, NOW));
}

function show(table: Table): Shown {
  return {
    columns: table.columns.map((column) => `${column.name}:${column.type}`),
    rows: table.rows.map((row) =>
      row.map((value, index) => {
        const type = table.columns[index]?.type;
        if (value === null) return null;
        if (type === 'datetime') return formatDateTime(value as number);
        if (type === 'timespan') return formatTimespan(value as number);
        return value;
      }),
    ),
  };
}

/** The rows of a single-column result, flattened. */
export function values(query: string): KqlValue[] {
  return run(query).rows.map((row) => row[0] ?? null);
}
