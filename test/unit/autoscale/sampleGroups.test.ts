import { describe, expect, it } from 'vitest';
import type { ReplicaSample } from '../../../shared/domain/autoscale';
import { groupSamples } from '../../../shared/domain/autoscale/sampleGroups';

/**
 * Rows from replica_calculator_test.go TestGroupPods. Upstream derives readiness from pod conditions, start
 * times and metric windows; here `ready` and `cpuInitializing` carry that verdict, so each row states the
 * verdict its upstream pod earns:
 * - no Ready condition, or Ready=False, or inside the CPU initialization period with a stale sample → unready;
 * - Ready=True with a fresh sample, or past the initialization period and once ready → counts.
 * Not transcribed: "count in an unready pod that was ready after initialization period", which counts an
 * unready pod upstream; here the caller reports such a pod as ready (its readiness changed after start-up).
 */
interface Row {
  upstream: string;
  samples: ReplicaSample[];
  metric: (number | null)[];
  cpu: boolean;
  ready: number[];
  unready: number[];
  missing: number[];
}

const sample = (overrides: Partial<ReplicaSample>): ReplicaSample => ({
  phase: 'Succeeded',
  ready: true,
  deleting: false,
  ...overrides,
});

const rows: Row[] = [
  { upstream: 'void', samples: [], metric: [], cpu: true, ready: [], unready: [], missing: [] },
  {
    upstream: 'count in a ready pod - memory',
    samples: [sample({ ready: false })],
    metric: [1],
    cpu: false,
    ready: [0],
    unready: [],
    missing: [],
  },
  {
    upstream: 'unready a pod without ready condition - CPU',
    samples: [sample({ ready: false })],
    metric: [1],
    cpu: true,
    ready: [],
    unready: [0],
    missing: [],
  },
  {
    upstream: 'count in a ready pod with fresh metrics during initialization period - CPU',
    samples: [sample({ ready: true, cpuInitializing: false })],
    metric: [1],
    cpu: true,
    ready: [0],
    unready: [],
    missing: [],
  },
  {
    upstream: 'unready a ready pod without fresh metrics during initialization period - CPU',
    samples: [sample({ ready: true, cpuInitializing: true })],
    metric: [1],
    cpu: true,
    ready: [],
    unready: [0],
    missing: [],
  },
  {
    upstream: 'unready an unready pod during initialization period - CPU',
    samples: [sample({ ready: false })],
    metric: [1],
    cpu: true,
    ready: [],
    unready: [0],
    missing: [],
  },
  {
    upstream: 'count in a ready pod without fresh metrics after initialization period - CPU',
    samples: [sample({ ready: true })],
    metric: [1],
    cpu: true,
    ready: [0],
    unready: [],
    missing: [],
  },
  {
    upstream: 'unready pod that has never been ready after initialization period - CPU',
    samples: [sample({ ready: false })],
    metric: [1],
    cpu: true,
    ready: [],
    unready: [0],
    missing: [],
  },
  {
    upstream: 'a missing pod',
    samples: [sample({})],
    metric: [null],
    cpu: true,
    ready: [],
    unready: [],
    missing: [0],
  },
  {
    upstream: 'several pods',
    samples: [sample({ ready: false }), sample({ ready: true }), sample({})],
    metric: [1, 1, null],
    cpu: true,
    ready: [1],
    unready: [0],
    missing: [2],
  },
  {
    upstream: 'pending pods are unreadied',
    samples: [sample({ phase: 'Pending' })],
    metric: [null],
    cpu: true,
    ready: [],
    unready: [0],
    missing: [],
  },
  {
    upstream: 'ignore pods with deletion timestamps',
    samples: [sample({ phase: 'Pending', deleting: true })],
    metric: [1],
    cpu: true,
    ready: [],
    unready: [],
    missing: [],
  },
  {
    upstream: 'ignore pods in a failed state',
    samples: [sample({ phase: 'Failed' })],
    metric: [1],
    cpu: true,
    ready: [],
    unready: [],
    missing: [],
  },
];

describe('groupSamples — upstream TestGroupPods rows', () => {
  it.each(rows.map((row) => [row.upstream, row] as const))('%s', (_name, row) => {
    const withMetric = row.samples.map((s, i) => ({ ...s, usageMilli: row.metric[i] ?? null }));
    const groups = groupSamples(withMetric, (s) => s.usageMilli, row.cpu);
    expect([...groups.metrics.keys()]).toEqual(row.ready);
    expect(groups.unready).toEqual(row.unready);
    expect(groups.missing).toEqual(row.missing);
  });
});
