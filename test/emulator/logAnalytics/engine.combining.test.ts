import { describe, expect, it } from 'vitest';
import { run, values } from './engineFixture';

/** join, union and let, over engineFixture.ts. */
describe('KQL evaluator: join, union and let', () => {
  it('joins innerunique by default: the first left row of each key, every matching right row', () => {
    expect(
      run('Pods | project Computer, Name | join (Nodes | project Computer, KubeletVersion) on Computer'),
    ).toEqual({
      columns: ['Computer:string', 'Name:string', 'Computer1:string', 'KubeletVersion:string'],
      rows: [
        ['aks-node-1', 'coredns-1', 'aks-node-1', 'v1.35.3'],
        ['aks-node-1', 'coredns-1', 'aks-node-1', 'v1.35.3'],
        ['aks-node-2', 'web-2', 'aks-node-2', 'v1.35.3'],
      ],
    });
  });

  it('joins every matching pair with kind=inner', () => {
    expect(
      run(
        'Pods | project Computer, Name | join kind=inner (Nodes | project Computer) on Computer | project Name',
      ).rows,
    ).toEqual([['coredns-1'], ['coredns-1'], ['web-1'], ['web-1'], ['web-2'], ['Web-3']]);
  });

  it('keeps unmatched left rows with kind=leftouter, and matches $left/$right columns of different names', () => {
    expect(
      run(
        'Pods | project Computer, Name | join kind=leftouter (Nodes | where TimeGenerated == datetime(2026-11-27) | ' +
          'project Node = Computer, Status) on $left.Computer == $right.Node',
      ),
    ).toEqual({
      columns: ['Computer:string', 'Name:string', 'Node:string', 'Status:string'],
      rows: [
        ['aks-node-1', 'coredns-1', 'aks-node-1', 'Ready'],
        ['aks-node-1', 'web-1', 'aks-node-1', 'Ready'],
        ['aks-node-2', 'web-2', 'aks-node-2', 'Ready,MemoryPressure'],
        ['aks-node-2', 'Web-3', 'aks-node-2', 'Ready,MemoryPressure'],
        ['', 'job-1', '', ''],
      ],
    });
    expect(
      run(
        'Pods | project Name, Cpu = CpuMillis | join kind=leftouter (Pods | where CpuMillis > 50 | project Name, Restarts = RestartCount) on Name',
      ).rows,
    ).toEqual([
      ['coredns-1', 12.5, '', null],
      ['web-1', 40, '', null],
      ['web-2', null, '', null],
      ['Web-3', 80, 'Web-3', 5],
      ['job-1', 5, '', null],
    ]);
  });

  it('unions tables with different columns: absent cells are null, or empty for strings', () => {
    expect(
      run('union Nodes, Events | where TimeGenerated > datetime(2026-11-27) | project Computer, Name, Count'),
    ).toEqual({
      columns: ['Computer:string', 'Name:string', 'Count:long'],
      rows: [
        ['aks-node-1', '', null],
        ['', 'web-2', 3],
        ['', 'Web-3', 12],
      ],
    });
    expect(run('Events | union Legacy | project Count_long, Count_string')).toEqual({
      columns: ['Count_long:long', 'Count_string:string'],
      rows: [
        [3, ''],
        [12, ''],
        [null, 'many'],
      ],
    });
    expect(
      values('Events | project Name | union (Pods | where PodStatus == "Failed" | project Name)'),
    ).toEqual(['web-2', 'Web-3', 'Web-3']);
  });

  it('expands union wildcards to the matching workspace tables', () => {
    expect(values('union * | summarize n = count()')).toEqual([12]);
    expect(values('union N* | summarize n = count()')).toEqual([4]);
    expect(run('union Legacy, E* | project Count_string, Count_long').rows).toEqual([
      ['many', null],
      ['', 3],
      ['', 12],
    ]);
  });

  it('binds let scalars and tabular expressions', () => {
    expect(values('let threshold = 30.0; Pods | where CpuMillis > threshold | project Name')).toEqual([
      'web-1',
      'Web-3',
    ]);
    expect(values('let since = ago(1h); Pods | where TimeGenerated > since | project Name')).toEqual([
      'job-1',
    ]);
    expect(values('let hours = 2 * 1h; Pods | where TimeGenerated > now() - hours | project Name')).toEqual([
      'Web-3',
      'job-1',
    ]);
    expect(
      run(
        'let running = Pods | where PodStatus == "Running"; running | join kind=inner (running | project Name, Ns = Namespace) on Name | project Name, Ns',
      ).rows,
    ).toEqual([
      ['coredns-1', 'kube-system'],
      ['web-1', 'default'],
    ]);
  });
});
