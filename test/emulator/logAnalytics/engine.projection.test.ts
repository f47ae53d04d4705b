import { describe, expect, it } from 'vitest';
import { run, values } from './engineFixture';

/** project, project-away, extend, conversions, arithmetic and literals, over engineFixture.ts. */
describe('KQL evaluator: projections and scalar functions', () => {
  it('projects columns and expressions, naming unnamed ones as the analyser does', () => {
    expect(run('Pods | project Name, Restarts = RestartCount * 2, CpuMillis + 1 | take 2')).toEqual({
      columns: ['Name:string', 'Restarts:long', 'Column1:real'],
      rows: [
        ['coredns-1', 0, 13.5],
        ['web-1', 4, 41],
      ],
    });
  });

  it('drops columns with project-away, wildcards included', () => {
    expect(run('Pods | project-away Labels, Cpu* | take 1')).toEqual({
      columns: [
        'TimeGenerated:datetime',
        'Computer:string',
        'Namespace:string',
        'Name:string',
        'PodStatus:string',
        'RestartCount:long',
      ],
      rows: [['2026-11-27T00:00:00Z', 'aks-node-1', 'kube-system', 'coredns-1', 'Running', 0]],
    });
  });

  it('extends rows and replaces an existing column in place, every element reading the input row', () => {
    expect(
      run('Pods | extend App = tostring(Labels.app), Tier = Labels["tier"] | project Name, App, Tier'),
    ).toEqual({
      columns: ['Name:string', 'App:string', 'Tier:dynamic'],
      rows: [
        ['coredns-1', 'coredns', 'system'],
        ['web-1', 'web', null],
        ['web-2', '', null],
        ['Web-3', 'web', 'frontend'],
        ['job-1', 'job', null],
      ],
    });
    expect(run('Pods | extend RestartCount = RestartCount + 1 | take 2').rows.map((row) => row[5])).toEqual([
      1, 3,
    ]);
    expect(run('Pods | extend RestartCount = 0 | take 1').columns).toEqual(run('Pods | take 1').columns);
    expect(
      run('Pods | extend RestartCount = 7, Before = RestartCount | project RestartCount, Before | take 2')
        .rows,
    ).toEqual([
      [7, 0],
      [7, 2],
    ]);
    expect(run('Pods | extend Labels.app | project Labels_app | take 1').rows).toEqual([['coredns']]);
  });

  it('converts with tostring, toint, todouble and parse_json', () => {
    const shown = run(
      `Pods | take 1 | project s = tostring(CpuMillis), i = toint("42"), bad = toint("4.2"), trunc = toint(-12.9),
         d = todouble("1e3"), notNumber = todouble("abc"), j = parse_json('{"a":[1,2]}').a[1], raw = parse_json("not json"),
         t = tostring(TimeGenerated), ts = tostring(90m), n = tostring(RestartCount), dyn = tostring(Labels.app)`,
    );
    expect(shown.columns).toEqual([
      's:string',
      'i:int',
      'bad:int',
      'trunc:int',
      'd:real',
      'notNumber:real',
      'j:dynamic',
      'raw:dynamic',
      't:string',
      'ts:string',
      'n:string',
      'dyn:string',
    ]);
    expect(shown.rows).toEqual([
      ['12.5', 42, null, -12, 1000, null, 2, 'not json', '2026-11-27T00:00:00Z', '01:30:00', '0', 'coredns'],
    ]);
    expect(values('Pods | where Name == "web-2" | project tostring(RestartCount)')).toEqual(['']);
  });

  it('does integer, real, datetime and timespan arithmetic', () => {
    expect(
      run('Pods | take 1 | project a = 7 / 2, b = 7.0 / 2, c = -7 / 2, d = 7 % 3, e = 1d / 1h, f = 2 * 30m')
        .rows,
    ).toEqual([[3, 3.5, -3, 1, 24, '01:00:00']]);
    expect(
      run('Pods | extend Age = datetime(2026-11-27T03:00:00Z) - TimeGenerated | project Name, Age | take 2'),
    ).toEqual({
      columns: ['Name:string', 'Age:timespan'],
      rows: [
        ['coredns-1', '03:00:00'],
        ['web-1', '02:50:00'],
      ],
    });
    expect(values('Pods | take 1 | project TimeGenerated + 1.5d')).toEqual(['2026-11-28T12:00:00Z']);
    expect(values('Pods | where Name == "web-2" | project RestartCount + 1')).toEqual([null]);
  });

  it('reads the literal forms of the subset', () => {
    expect(
      run(
        `Pods | take 1 | project h = 0x1F, r = real(null), b = true, dt = datetime(2026-01-02 03:04:05.1234567), dtMs = datetime(2026-01-02T03:04:05.120Z),
           span = timespan(1.02:00:00), ms = 250ms, sec = 15s, dynLit = dynamic({"k": [1, "two"]}), verbatim = @"c:\\dir"`,
      ).rows,
    ).toEqual([
      [
        31,
        null,
        true,
        '2026-01-02T03:04:05.123457Z',
        '2026-01-02T03:04:05.12Z',
        '1.02:00:00',
        '00:00:00.2500000',
        '00:00:15',
        { k: [1, 'two'] },
        'c:\\dir',
      ],
    ]);
  });

  it('bins numbers, timespans and datetimes, with null for a null or non-positive size', () => {
    expect(
      run(
        'Pods | take 1 | project a = bin(4.5, 1), b = bin(16d, 7d), c = bin(TimeGenerated + 25h, 1d), d = bin(5, 0)',
      ).rows,
    ).toEqual([[4, '14.00:00:00', '2026-11-28T00:00:00Z', null]]);
    expect(values('Pods | take 1 | project bin(datetime(2026-11-27T10:00:00Z), 7d)')).toEqual([
      '2026-11-23T00:00:00Z',
    ]);
  });
});
