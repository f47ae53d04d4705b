import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KqlDataSource } from '../../../local/aks-emulator/logAnalytics/kql/runQuery';
import { runKql } from '../../../local/aks-emulator/logAnalytics/kql/runQuery';
import type { TableScan } from '../../../local/aks-emulator/logAnalytics/kql/tableScan';
import type { Column, Row } from '../../../local/aks-emulator/logAnalytics/kql/table';

/**
 * A table source may leave out the rows a query's leading `where` on `_ResourceId` drops (the scan). These tests
 * hold the push-down to that promise: over random queries, a source that honours the scan gives exactly the result
 * of a source that returns every row.
 */

const T = Date.parse('2026-11-27T00:00:00Z');
const CLUSTERS = ['/subscriptions/s1/resourcegroups/rg/providers/microsoft.containerservice/managedclusters/a', '/subscriptions/s1/resourcegroups/rg/providers/microsoft.containerservice/managedclusters/b', '/subscriptions/s2/resourcegroups/rg/providers/microsoft.containerservice/managedclusters/c', '/subscriptions/s2/resourcegroups/rg/providers/microsoft.containerservice/managedclusters/d'];
const columns: Column[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'PodStatus', type: 'string' },
  { name: 'Restarts', type: 'long' },
  { name: '_ResourceId', type: 'string' },
];
// Some rows keep the id's case as written, so that case-sensitive `in` and `==` have something to tell apart.
const rows: Row[] = CLUSTERS.flatMap((id, c) =>
  Array.from({ length: 6 }, (_, i): Row => [T + i * 60_000, i % 3 === 0 ? 'Pending' : 'Running', (i * (c + 1)) % 4, i === 5 ? id.toUpperCase() : id]),
);

const fullSource: KqlDataSource = { schemas: [{ name: 'Pods', columns }], rows: () => rows };

function scanningSource(scans: TableScan[]): KqlDataSource {
  return {
    schemas: [{ name: 'Pods', columns }],
    rows: (_name, scan) => {
      scans.push(scan);
      const wanted = scan.resourceIds;
      return wanted === undefined ? rows : rows.filter((row) => wanted.has((row[3] as string).toLowerCase()));
    },
  };
}

const quoted = (id: string) => `"${id}"`;
const anId = fc.oneof(fc.constantFrom(...CLUSTERS), fc.constant('/subscriptions/s9/none')).chain((id) => fc.constantFrom(id, id.toUpperCase()));
const idList = fc.array(anId, { minLength: 1, maxLength: 4 });
const resourceTerm = fc.oneof(
  idList.map((ids) => `_ResourceId in (${ids.map(quoted).join(', ')})`),
  idList.map((ids) => `_ResourceId in~ (${ids.map(quoted).join(', ')})`),
  idList.map((ids) => `_ResourceId in~ (dynamic([${ids.map(quoted).join(', ')}]))`),
  idList.map((ids) => `_ResourceId !in~ (${ids.map(quoted).join(', ')})`),
  anId.map((id) => `_ResourceId == ${quoted(id)}`),
  anId.map((id) => `_ResourceId =~ ${quoted(id)}`),
  anId.map((id) => `${quoted(id)} =~ _ResourceId`),
  anId.map((id) => `_ResourceId != ${quoted(id)}`),
);
const otherTerm = fc.constantFrom('PodStatus == "Pending"', 'Restarts > 1', 'TimeGenerated >= datetime(2026-11-27T00:02:00Z)', 'true');
const condition = fc.oneof(
  resourceTerm,
  fc.tuple(resourceTerm, otherTerm).map(([a, b]) => `${a} and ${b}`),
  fc.tuple(otherTerm, resourceTerm).map(([a, b]) => `${a} and (${b})`),
  fc.tuple(resourceTerm, resourceTerm).map(([a, b]) => `${a} and ${b}`),
  fc.tuple(resourceTerm, resourceTerm).map(([a, b]) => `${a} or ${b}`),
);
const tail = fc.constantFrom('', ' | summarize count() by _ResourceId', ' | summarize arg_max(TimeGenerated, PodStatus), Restarts = max(Restarts) by _ResourceId', ' | project _ResourceId, Restarts');
const query = fc.tuple(condition, tail).map(([where, rest]) => `Pods | where ${where}${rest}`);

describe('pushing a leading _ResourceId filter into the table source', () => {
  it('gives the same rows as scanning the whole table, for any query', () => {
    fc.assert(
      fc.property(query, (text) => {
        expect(runKql(text, scanningSource([]), T).rows).toEqual(runKql(text, fullSource, T).rows);
      }),
      { numRuns: 100 },
    );
  });

  it('narrows the scan to the named resources, case-insensitively', () => {
    const scans: TableScan[] = [];
    runKql(`Pods | where _ResourceId in~ ("${CLUSTERS[0]!.toUpperCase()}", "${CLUSTERS[2]}") and Restarts > 0 | summarize count()`, scanningSource(scans), T);
    expect(scans.map((scan) => [...(scan.resourceIds ?? [])].sort())).toEqual([[CLUSTERS[0], CLUSTERS[2]].sort()]);
  });

  it('does not narrow a scan the filter cannot bound (or, negation, a later where, a let-bound ids list is fine)', () => {
    const scansOf = (text: string) => {
      const scans: TableScan[] = [];
      runKql(text, scanningSource(scans), T);
      return scans.map((scan) => (scan.resourceIds === undefined ? 'all' : [...scan.resourceIds].sort().join(',')));
    };
    expect(scansOf(`Pods | where _ResourceId == "${CLUSTERS[0]}" or Restarts > 2`)).toEqual(['all']);
    expect(scansOf(`Pods | where _ResourceId !in ("${CLUSTERS[0]}")`)).toEqual(['all']);
    expect(scansOf(`Pods | where Restarts > 0 | where _ResourceId == "${CLUSTERS[0]}"`)).toEqual(['all']);
    expect(scansOf(`let ids = dynamic(["${CLUSTERS[1]}"]); Pods | where _ResourceId in (ids)`)).toEqual([CLUSTERS[1]]);
  });
});
