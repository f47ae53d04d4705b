import { describe, expect, it } from 'vitest';
import { clusterUpdatePoolViolations, type ExistingCluster } from '../../../shared/domain/fleet';
import type { ClusterSpec } from '../../../shared/domain/fleet/clusterSpec';

const pool = (name: string) => ({ name, vmSize: 'Standard_D4s_v5', count: 1 });
const spec = (...names: string[]): ClusterSpec => ({ location: 'eastus', nodePools: names.map(pool) });
const existing = (...names: string[]): ExistingCluster => ({ nodePools: names.map((name) => ({ name })) });

describe('clusterUpdatePoolViolations', () => {
  it.each([
    ['the same pools, any order', spec('user', 'system'), existing('system', 'user'), []],
    ['a new pool', spec('system', 'extra'), existing('system'), ['AgentPoolAddedInClusterUpdate nodePools[1].name']],
    ['a missing pool', spec('system'), existing('system', 'gpu'), ['AgentPoolRemovedInClusterUpdate nodePools']],
    [
      'a renamed pool is both',
      spec('system', 'gpu2'),
      existing('system', 'gpu'),
      ['AgentPoolAddedInClusterUpdate nodePools[1].name', 'AgentPoolRemovedInClusterUpdate nodePools'],
    ],
    ['names compare without case', spec('System'), existing('system'), []],
  ])('%s', (_name, desired, current, expected) => {
    expect(clusterUpdatePoolViolations(desired, current).map((v) => `${v.code} ${v.path}`)).toEqual(expected);
  });

  it('names the pool and the endpoint to use instead', () => {
    const [added, removed] = clusterUpdatePoolViolations(spec('system', 'extra'), existing('system', 'old'));
    expect(added?.message).toContain('PUT …/nodePools/extra');
    expect(removed?.message).toContain('DELETE …/nodePools/old');
  });
});
