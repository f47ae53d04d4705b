import { describe, expect, it } from 'vitest';
import { run, values } from './engineFixture';

/** summarize, top, sort/order, take/limit and distinct, over engineFixture.ts. */
describe('KQL evaluator: aggregation and ordering', () => {
  it('counts by group, groups in order of first appearance', () => {
    expect(run('Pods | summarize count() by Namespace')).toEqual({
      columns: ['Namespace:string', 'count_:long'],
      rows: [
        ['kube-system', 1],
        ['default', 3],
        ['batch', 1],
      ],
    });
  });

  it('names aggregate columns as the service does and ignores nulls', () => {
    expect(
      run(
        'Pods | summarize count(), countif(PodStatus == "Running"), dcount(Namespace), sum(RestartCount), avg(CpuMillis), ' +
          'min(CpuMillis), max(CpuMillis), percentile(CpuMillis, 95), make_list(Name)',
      ),
    ).toEqual({
      columns: [
        'count_:long',
        'countif_:long',
        'dcount_Namespace:long',
        'sum_RestartCount:long',
        'avg_CpuMillis:real',
        'min_CpuMillis:real',
        'max_CpuMillis:real',
        'percentile_CpuMillis_95:real',
        'list_Name:dynamic',
      ],
      rows: [[5, 2, 3, 8, 34.375, 5, 80, 80, ['coredns-1', 'web-1', 'web-2', 'Web-3', 'job-1']]],
    });
    expect(values('Pods | summarize percentile(CpuMillis, 50)')).toEqual([12.5]);
    expect(values('Pods | summarize countif(RestartCount > 1)')).toEqual([2]);
  });

  it('aggregates named columns per group', () => {
    expect(
      run(
        'Pods | summarize Pods = count(), Restarts = sum(RestartCount), AvgCpu = avg(CpuMillis), First = min(TimeGenerated) by Namespace',
      ),
    ).toEqual({
      columns: ['Namespace:string', 'Pods:long', 'Restarts:long', 'AvgCpu:real', 'First:datetime'],
      rows: [
        ['kube-system', 1, 0, 12.5, '2026-11-27T00:00:00Z'],
        ['default', 3, 7, 60, '2026-11-27T00:10:00Z'],
        ['batch', 1, 1, 5, '2026-11-27T02:10:00Z'],
      ],
    });
  });

  it('groups by bin() of datetimes and numbers, null forming its own group', () => {
    expect(run('Pods | summarize count() by bin(TimeGenerated, 1h)')).toEqual({
      columns: ['TimeGenerated:datetime', 'count_:long'],
      rows: [
        ['2026-11-27T00:00:00Z', 3],
        ['2026-11-27T01:00:00Z', 1],
        ['2026-11-27T02:00:00Z', 1],
      ],
    });
    expect(run('Pods | summarize n = count() by bin(CpuMillis, 50)').rows).toEqual([
      [0, 3],
      [null, 1],
      [50, 1],
    ]);
  });

  it('returns the other columns of the winning row with arg_max, `*` excluding the group keys', () => {
    expect(run('Pods | summarize arg_max(TimeGenerated, Name, PodStatus) by Computer')).toEqual({
      columns: ['Computer:string', 'TimeGenerated:datetime', 'Name:string', 'PodStatus:string'],
      rows: [
        ['aks-node-1', '2026-11-27T00:10:00Z', 'web-1', 'Running'],
        ['aks-node-2', '2026-11-27T01:10:00Z', 'Web-3', 'Failed'],
        ['', '2026-11-27T02:10:00Z', 'job-1', 'Succeeded'],
      ],
    });
    expect(run('Nodes | summarize arg_max(TimeGenerated, *) by Computer')).toEqual({
      columns: ['Computer:string', 'TimeGenerated:datetime', 'Status:string', 'KubeletVersion:string'],
      rows: [
        ['aks-node-1', '2026-11-27T01:00:00Z', 'Ready', 'v1.35.3'],
        ['aks-node-2', '2026-11-27T00:00:00Z', 'Ready,MemoryPressure', 'v1.35.3'],
        ['aks-node-3', '2026-11-27T00:00:00Z', 'NotReady', 'v1.34.7'],
      ],
    });
  });

  it('summarizes an empty input to one row of defaults without by, and to no rows with by', () => {
    expect(
      run(
        'Pods | where Name == "none" | summarize count(), sum(RestartCount), avg(CpuMillis), make_list(Name)',
      ).rows,
    ).toEqual([[0, 0, null, []]]);
    expect(run('Pods | where Name == "none" | summarize count() by Namespace').rows).toEqual([]);
    expect(values('Pods | summarize by Namespace')).toEqual(['kube-system', 'default', 'batch']);
  });

  it('takes the top rows, descending with nulls last unless told otherwise', () => {
    expect(run('Pods | top 2 by CpuMillis | project Name, CpuMillis').rows).toEqual([
      ['Web-3', 80],
      ['web-1', 40],
    ]);
    expect(values('Pods | top 2 by CpuMillis asc | project Name')).toEqual(['web-2', 'job-1']);
    expect(values('Pods | top 2 by CpuMillis asc nulls last | project Name')).toEqual(['job-1', 'coredns-1']);
    expect(values('Pods | top 1 by CpuMillis desc nulls first | project Name')).toEqual(['web-2']);
  });

  it('sorts stably on several keys, descending by default', () => {
    expect(values('Pods | sort by CpuMillis | project Name')).toEqual([
      'Web-3',
      'web-1',
      'coredns-1',
      'job-1',
      'web-2',
    ]);
    expect(values('Pods | order by Namespace asc, CpuMillis desc | project Name')).toEqual([
      'job-1',
      'Web-3',
      'web-1',
      'web-2',
      'coredns-1',
    ]);
    expect(values('Nodes | sort by KubeletVersion | project Computer')).toEqual([
      'aks-node-1',
      'aks-node-2',
      'aks-node-1',
      'aks-node-3',
    ]);
  });

  it('takes rows in input order with take and limit', () => {
    expect(values('Pods | take 2 | project Name')).toEqual(['coredns-1', 'web-1']);
    expect(values('Pods | limit 0 | project Name')).toEqual([]);
    expect(values('let n = 3; Pods | take n | project Name')).toEqual(['coredns-1', 'web-1', 'web-2']);
  });

  it('keeps distinct combinations in order of first appearance', () => {
    expect(values('Pods | distinct Namespace')).toEqual(['kube-system', 'default', 'batch']);
    expect(run('Pods | distinct Namespace, PodStatus').rows).toEqual([
      ['kube-system', 'Running'],
      ['default', 'Running'],
      ['default', 'Pending'],
      ['default', 'Failed'],
      ['batch', 'Succeeded'],
    ]);
    expect(run('Nodes | project Computer, KubeletVersion | distinct *').rows).toHaveLength(3);
  });
});
