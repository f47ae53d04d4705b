import { describe, expect, it } from 'vitest';
import { values } from './engineFixture';

/** `where` and the scalar predicates of the subset, over the hand-written rows of engineFixture.ts. */
describe('KQL evaluator: where and predicates', () => {
  it('compares text case-sensitively with == and != and case-insensitively with =~ and !~', () => {
    expect(values('Pods | where PodStatus == "Running" | project Name')).toEqual(['coredns-1', 'web-1']);
    expect(values('Pods | where Name == "web-3" | project Name')).toEqual([]);
    expect(values('Pods | where Name =~ "web-3" | project Name')).toEqual(['Web-3']);
    expect(values('Pods | where PodStatus != "Running" | project Name')).toEqual(['web-2', 'Web-3', 'job-1']);
    expect(values('Pods | where Name !~ "WEB-3" and Namespace == "default" | project Name')).toEqual([
      'web-1',
      'web-2',
    ]);
  });

  it('follows KQL null rules: a null is unequal to a value, ordering with null is null, where drops null', () => {
    expect(values('Pods | where RestartCount > 1 | project Name')).toEqual(['web-1', 'Web-3']);
    expect(values('Pods | where RestartCount != 2 | project Name')).toEqual([
      'coredns-1',
      'web-2',
      'Web-3',
      'job-1',
    ]);
    expect(values('Pods | where RestartCount == 2 or isnull(RestartCount) | project Name')).toEqual([
      'web-1',
      'web-2',
    ]);
    expect(values('Pods | where not(RestartCount > 1) | project Name')).toEqual(['coredns-1', 'job-1']);
    expect(values('Pods | where isnotnull(CpuMillis) and CpuMillis < 20 | project Name')).toEqual([
      'coredns-1',
      'job-1',
    ]);
  });

  it('matches whole terms with has and substrings with contains', () => {
    expect(values('Pods | where Name has "web" | project Name')).toEqual(['web-1', 'web-2', 'Web-3']);
    expect(values('Pods | where Name has "we" | project Name')).toEqual([]);
    expect(values('Pods | where Name contains "we" | project Name')).toEqual(['web-1', 'web-2', 'Web-3']);
    expect(values('Pods | where Name has "b-1" | project Name')).toEqual([]);
    expect(values('Pods | where Name has "web-1" | project Name')).toEqual(['web-1']);
    expect(values('Pods | where Name !has "web" | project Name')).toEqual(['coredns-1', 'job-1']);
    expect(values('Pods | where Name has_cs "web" | project Name')).toEqual(['web-1', 'web-2']);
    expect(values('Pods | where Name contains_cs "We" | project Name')).toEqual(['Web-3']);
    expect(values('Pods | where Name !contains "o" | project Name')).toEqual(['web-1', 'web-2', 'Web-3']);
    expect(values('Nodes | where Status has "memorypressure" | project Computer')).toEqual(['aks-node-2']);
  });

  it('matches prefixes with startswith', () => {
    expect(values('Pods | where Name startswith "WEB" | project Name')).toEqual(['web-1', 'web-2', 'Web-3']);
    expect(values('Pods | where Name !startswith "web" | project Name')).toEqual(['coredns-1', 'job-1']);
    expect(values('Pods | where Name startswith_cs "W" | project Name')).toEqual(['Web-3']);
  });

  it('tests membership with in, !in, in~ over literals, dynamic arrays and subqueries', () => {
    expect(values('Pods | where Namespace in ("default", "batch") | project Name')).toEqual([
      'web-1',
      'web-2',
      'Web-3',
      'job-1',
    ]);
    expect(values('Pods | where Namespace !in ("default") | project Name')).toEqual(['coredns-1', 'job-1']);
    expect(values('Pods | where Name in ("WEB-1") | project Name')).toEqual([]);
    expect(values('Pods | where Name in~ ("WEB-1", "web-3") | project Name')).toEqual(['web-1', 'Web-3']);
    expect(values('Pods | where RestartCount in (0, 5) | project Name')).toEqual(['coredns-1', 'Web-3']);
    expect(values('Pods | where RestartCount !in (0, 5) | project Name')).toEqual([
      'web-1',
      'web-2',
      'job-1',
    ]);
    expect(
      values('let names = dynamic(["web-1", "job-1"]); Pods | where Name in (names) | project Name'),
    ).toEqual(['web-1', 'job-1']);
    expect(
      values(
        'Pods | where Computer in (Nodes | where Status has "MemoryPressure" | project Computer) | project Name',
      ),
    ).toEqual(['web-2', 'Web-3']);
  });

  it('tests ranges with between, inclusive, with a timespan as the length of a datetime range', () => {
    expect(values('Pods | where RestartCount between (1 .. 2) | project Name')).toEqual(['web-1', 'job-1']);
    expect(values('Pods | where RestartCount !between (1 .. 2) | project Name')).toEqual([
      'coredns-1',
      'Web-3',
    ]);
    expect(
      values('Pods | where TimeGenerated between (datetime(2026-11-27T00:05:00Z) .. 1h) | project Name'),
    ).toEqual(['web-1', 'web-2']);
    expect(
      values(
        'Pods | where TimeGenerated between (datetime(2026-11-27) .. timespan(00:20:00)) | project Name',
      ),
    ).toEqual(['coredns-1', 'web-1', 'web-2']);
  });

  it('tells empty strings from values with isempty and isnotempty', () => {
    expect(values('Pods | where isnotempty(Computer) | project Name')).toEqual([
      'coredns-1',
      'web-1',
      'web-2',
      'Web-3',
    ]);
    expect(values('Pods | where isempty(Computer) | project Name')).toEqual(['job-1']);
    expect(values('Pods | where isnotempty(Labels.tier) | project Name')).toEqual(['coredns-1', 'Web-3']);
  });

  it('evaluates ago(), now() and datetime literals against the query time', () => {
    expect(values('Pods | where TimeGenerated > ago(2h) | project Name')).toEqual(['Web-3', 'job-1']);
    expect(values('Pods | where TimeGenerated >= datetime(2026-11-27 01:10:00) | project Name')).toEqual([
      'Web-3',
      'job-1',
    ]);
    expect(values('Pods | where TimeGenerated < now() - 170m | project Name')).toEqual(['coredns-1']);
    expect(values('Pods | where TimeGenerated > now(-1h) | project Name')).toEqual(['job-1']);
    expect(
      values('Pods | where TimeGenerated == datetime(2026-11-27T01:10:00.0000000Z) | project Name'),
    ).toEqual(['Web-3']);
  });

  it('reads dynamic values by member, index and key', () => {
    expect(values('Pods | where Labels.app == "web" | project Name')).toEqual(['web-1', 'Web-3']);
    expect(values('Pods | where Labels["tier"] == "system" | project Name')).toEqual(['coredns-1']);
    expect(values('Pods | where parse_json(\'["a","b"]\')[-1] == "b" | take 1 | project Name')).toEqual([
      'coredns-1',
    ]);
  });
});
