import { describe, expect, it } from 'vitest';
import { crossScopeFunctionIn, isRawQueryTimespan } from '../../../shared/domain/logs/rawLogQuery';

describe('crossScopeFunctionIn', () => {
  it.each([
    ['workspace("other").ContainerLogV2', 'workspace'],
    ['union WORKSPACE ( "x" ).T', 'workspace'],
    ['union workspace\t\n("x").T', 'workspace'],
    ['union workspace // a comment\n  // another\n("x").T', 'workspace'],
    ["union ['workspace'](\"x\").T", 'workspace'],
    ['union [ "workspace" ] ("x").T', 'workspace'],
    ['app("fleet").requests', 'app'],
    ['resource("/subscriptions/s").T', 'resource'],
    ['adx("https://help.kusto.windows.net/Samples").StormEvents', 'adx'],
    ['arg("").Resources', 'arg'],
    ['cluster("c").database("d").T', 'cluster'],
    ['T | where Message contains "workspace("', 'workspace'],
  ])('finds the call in %j', (query, name) => {
    expect(crossScopeFunctionIn(query)).toBe(name);
  });

  it.each([
    'ContainerLogV2 | where ClusterName == "workspace" | take 10',
    'KubePodInventory | summarize by ClusterId, myworkspace_id',
    'T | extend resource_ = 1 | project resource_',
    'union * | where Message has "app" | take 5',
    'T | where workspaceName == "x"',
  ])('lets %j through', (query) => {
    expect(crossScopeFunctionIn(query)).toBeUndefined();
  });
});

describe('isRawQueryTimespan', () => {
  it.each(['PT1H', 'P1D', 'PT0.5S', 'P730D', 'P7DT12H'])('accepts %s', (text) => expect(isRawQueryTimespan(text)).toBe(true));
  it.each(['PT0S', 'P731D', 'P', '1h', '2026-12-01T00:00:00Z/2026-12-01T01:00:00Z', 'P1Y', '-PT1H'])('refuses %s', (text) =>
    expect(isRawQueryTimespan(text)).toBe(false),
  );
});
