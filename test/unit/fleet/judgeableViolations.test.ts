import { describe, expect, it } from 'vitest';
import { atBodyPoolIndexes, judgeableViolations, partialClusterSpec, partialNodePoolPut, pathsOverlap } from '../../../shared/domain/fleet';

const clusterContext = { poolBody: false, isExistingPool: () => false };
const v = (code: string, path: string) => ({ code, path, message: code });

describe('partial bodies: only the schema-valid fields are judged', () => {
  it('keeps valid fields and pools, drops invalid ones by path, and remembers where each pool stood', () => {
    const partial = partialClusterSpec({
      location: 'eastus',
      tier: 'Gold',
      nodePools: [{ name: 'Bad!', vmSize: 'Standard_D4s_v5' }, { name: 'user', vmSize: 'Standard_D4s_v5', count: -1, mode: 'User' }],
    });
    expect(partial?.dropped).toEqual(['tier', 'nodePools[0]', 'nodePools[1].count']);
    expect(partial?.value.nodePools).toEqual([{ name: 'user', vmSize: 'Standard_D4s_v5', mode: 'User' }]);
    expect(partial?.poolIndexes).toEqual([1]);
  });

  it('judges nothing without a valid region or pool size', () => {
    expect(partialClusterSpec({ location: 'East US', nodePools: [] })).toBeUndefined();
    expect(partialClusterSpec([])).toBeUndefined();
    expect(partialNodePoolPut({ vmSize: '' })).toBeUndefined();
  });

  it('renumbers pool paths to the body', () => {
    expect(atBodyPoolIndexes([v('X', 'nodePools[0].vmSize'), v('Y', 'location')], [3])).toEqual([v('X', 'nodePools[3].vmSize'), v('Y', 'location')]);
  });
});

describe('judgeableViolations: a rule whose input was invalid is not reported', () => {
  it('compares paths by segment', () => {
    expect(pathsOverlap('tags', 'tags.owner')).toBe(true);
    expect(pathsOverlap('nodePools[1]', 'nodePools[1].count')).toBe(true);
    expect(pathsOverlap('nodePools[1]', 'nodePools[10].count')).toBe(false);
    expect(pathsOverlap('network.podCidr', 'network.serviceCidr')).toBe(false);
  });

  it.each([
    ['its own field', v('VmSizeNotAllowed', 'nodePools[0].vmSize'), ['nodePools[0].vmSize'], false],
    ['a field it reads in the same pool', v('SystemPoolVmTooSmall', 'nodePools[0].vmSize'), ['nodePools[0].mode'], false],
    ['that field in another pool', v('SystemPoolVmTooSmall', 'nodePools[0].vmSize'), ['nodePools[1].mode'], true],
    ['a cluster field it reads', v('AzureCNIOnlyForWindows', 'nodePools[1].osType'), ['network'], false],
    ['a field of any pool, for a cross-pool rule', v('QuotaExceeded', 'nodePools[0].count'), ['nodePools[2].upgradeSettings'], false],
    ['a dropped pool, for a cross-pool rule', v('AgentPoolRemovedInClusterUpdate', 'nodePools'), ['nodePools[2]'], false],
    ['a part of what the violation is about', v('RequiredTagMissing', 'tags.owner'), ['tags'], false],
    ['an unrelated field', v('LocationNotAllowed', 'location'), ['tier', 'nodePools[0].count'], true],
  ])('%s', (_label, violation, dropped, kept) => {
    expect(judgeableViolations([violation], dropped, clusterContext)).toEqual(kept ? [violation] : []);
  });

  it('a new pool\'s size is judged without its count; an existing pool\'s only with it', () => {
    const violation = v('VmSizeNotAvailable', 'vmSize');
    expect(judgeableViolations([violation], ['count'], { poolBody: true, isExistingPool: () => false })).toEqual([violation]);
    expect(judgeableViolations([violation], ['count'], { poolBody: true, isExistingPool: () => true })).toEqual([]);
  });

  it('in a pool body, cross-pool rules read the body\'s own fields, cluster fields are not in it', () => {
    const context = { poolBody: true, isExistingPool: () => true };
    expect(judgeableViolations([v('SystemPoolRequired', 'nodePools')], ['mode'], context)).toEqual([]);
    expect(judgeableViolations([v('NodePoolMcVersionIncompatible', 'orchestratorVersion')], ['count'], context)).toHaveLength(1);
  });
});
