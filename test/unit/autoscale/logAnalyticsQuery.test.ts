import { describe, expect, it } from 'vitest';
import { autoscalePolicySchema, logAnalyticsQueryProblem, scopedLogAnalyticsQuery } from '../../../shared/domain/autoscale/policy';
import { MAX_KQL_LENGTH } from '../../../shared/domain/autoscale/policy/limits';

const POOL_NODES = 'KubeNodeInventory | extend NodePool = tostring(parse_json(Labels)[0]["kubernetes.azure.com/agentpool"]) | summarize value = dcount(Computer) by _ResourceId, NodePool';

describe('a Log Analytics target query', () => {
  it.each([
    ['a table, operators, the final summarize', POOL_NODES, undefined],
    ['the pool named by an expression', 'KubePodInventory | summarize value = count() by _ResourceId, NodePool = "user"', undefined],
    ['the groups in the other order, across lines', 'Perf\n| where ObjectName == "K8SNode"\n| summarize value = avg(CounterValue)\n  by NodePool, _ResourceId', undefined],
    ['two statements', 'let x = 1; Perf | summarize value = avg(CounterValue) by _ResourceId, NodePool', /one statement/],
    ['no leading table (let)', 'let t = Perf | summarize value = count() by _ResourceId, NodePool', /must start with the table/],
    ['no leading table (union)', 'union Perf, KubeEvents | summarize value = count() by _ResourceId, NodePool', /must start with the table/],
    ['a table alone', 'Perf', /must start with the table/],
    ['no summarize at the end', 'Perf | summarize value = count() by _ResourceId, NodePool | take 5', /must end in/],
    ['a summarize that is not named value', 'Perf | summarize count() by _ResourceId, NodePool', /must end in/],
    ['no pool group', 'Perf | summarize value = count() by _ResourceId', /missing NodePool/],
    ['no cluster group', 'Perf | summarize value = count() by NodePool, Computer', /missing _ResourceId; also by Computer/],
    ['a time bin too (many numbers per pool)', 'Perf | summarize value = avg(CounterValue) by bin(TimeGenerated, 1m), _ResourceId, NodePool', /only, one number per cluster and pool \(also by bin\(TimeGenerated, 1m\)\)/],
    ['a pool expression with a comma', 'Perf | summarize value = count() by _ResourceId, NodePool = iff(Computer has "a,b", "a", "b")', undefined],
  ])('%s', (_case, query, problem) => {
    const found = logAnalyticsQueryProblem(query);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  it('runs with the clusters named right after its table, the rest unchanged', () => {
    const ids = ['/subscriptions/s/resourcegroups/rg/providers/microsoft.containerservice/managedclusters/a', '/subscriptions/s/resourcegroups/rg/providers/microsoft.containerservice/managedclusters/b"x'];
    expect(scopedLogAnalyticsQuery(POOL_NODES, ids)).toBe(
      [
        'KubeNodeInventory',
        `where _ResourceId in~ ("${ids[0]}", "${ids[1]!.replace('"', '\\"')}")`,
        'extend NodePool = tostring(parse_json(Labels)[0]["kubernetes.azure.com/agentpool"]) | summarize value = dcount(Computer) by _ResourceId, NodePool',
      ].join('\n| '),
    );
  });

  it('the policy names the query field with the reason, and keeps the length limit', () => {
    const policy = (query: string) => autoscalePolicySchema.safeParse({ minNodes: 1, maxNodes: 5, targets: { logAnalyticsMetric: { query, targetValue: 10 } } });
    expect(policy(POOL_NODES).success).toBe(true);
    const refused = policy('union * | summarize value = count() by _ResourceId, NodePool');
    expect(refused.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['targets.logAnalyticsMetric.query', expect.stringMatching(/must start with the table/)]]);
    const long = `Perf | where ${'x'.repeat(MAX_KQL_LENGTH)} | summarize value = count() by _ResourceId, NodePool`;
    expect(policy(long).error?.issues[0]?.path.join('.')).toBe('targets.logAnalyticsMetric.query');
  });
});
