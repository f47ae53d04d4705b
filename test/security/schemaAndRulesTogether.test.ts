import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterSpecSchema } from '../../shared/domain/fleet/clusterSpec';
import { issuesOf } from '../../shared/platform/http/validation';
import { jsonRequest, SUBSCRIPTION, startSecurityStack, type RawAnswer, type SecurityStack } from './support/securityStack';

const CLUSTERS = `subscriptions/${SUBSCRIPTION}/resourceGroups/rg-together/clusters`;
const system = { name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 2 };
const cluster = (overrides: Record<string, unknown> = {}) => ({
  location: 'eastus',
  kubernetesVersion: '1.36',
  network: { plugin: 'azureOverlay' },
  nodePools: [system],
  ...overrides,
});

/** `code path` of every problem, sorted: each must name its field exactly. */
const problemsOf = (answer: RawAnswer) =>
  ((answer.json?.errors ?? []) as { code: string; path: string }[]).map((error) => `${error.code} ${error.path}`).sort();

/** ARM write operations the emulator counted (any PUT or DELETE of a resource). */
const writesSeen = (counters: Record<string, number>) =>
  Object.keys(counters).filter((operation) => /\.(createOrUpdate|delete|start|stop)/i.test(operation));

describe('one 400 with schema errors and rule violations together (issue #14, hole 10), through the local host', () => {
  let stack: SecurityStack;

  beforeAll(async () => {
    stack = await startSecurityStack();
    const created = await jsonRequest(stack, 'PUT', `${CLUSTERS}/live`, cluster({ nodePools: [system, { name: 'batch', vmSize: 'Standard_D4s_v5', count: 1 }] }));
    expect(created.status).toBe(202);
    stack.emulator.advanceClock(3_600);
  });
  afterAll(() => stack?.stop());

  const clusterCases: [string, Record<string, unknown>, string[]][] = [
    [
      'a bad count on one pool, a VM size the region lacks on another',
      cluster({ nodePools: [{ ...system, count: -1 }, { name: 'extra', vmSize: 'Standard_Nope_v9', count: 1 }] }),
      ['VmSizeNotAvailable nodePools[1].vmSize', 'too_small nodePools[0].count'],
    ],
    [
      'a bad count and a VM size the region lacks on the same new pool',
      cluster({ nodePools: [{ ...system, vmSize: 'Standard_Nope_v9', count: -1 }] }),
      ['VmSizeNotAvailable nodePools[0].vmSize', 'too_small nodePools[0].count'],
    ],
    [
      'an unknown osSku and a version offered only under LTS',
      cluster({ kubernetesVersion: '1.33', nodePools: [{ ...system, osSku: 'Ubuntu1804' }] }),
      ['KubernetesVersionNeedsLongTermSupport kubernetesVersion', 'invalid_value nodePools[0].osSku'],
    ],
    [
      'an unknown tier and an osSku of the other OS',
      cluster({ tier: 'Gold', nodePools: [system, { name: 'win', vmSize: 'Standard_D4s_v5', osType: 'Linux', osSku: 'Windows2022' }] }),
      ['OsSkuDoesNotMatchOsType nodePools[1].osSku', 'invalid_value tier'],
    ],
    [
      'a mistyped mode is not guessed: no System-pool rule is judged without it',
      cluster({ nodePools: [{ ...system, mode: 'system', vmSize: 'Standard_B1s' }] }),
      // Standard_B1s has 1 vCPU, too small for a System pool, but whether the pool is one is not known.
      ['VmSizeNotAvailable nodePools[0].vmSize', 'invalid_value nodePools[0].mode'],
    ],
    [
      'a bad network is not guessed: a Windows pool is not judged against the default kubenet',
      cluster({ network: { plugin: 'cni' }, nodePools: [system, { name: 'win', vmSize: 'Standard_Nope_v9', osType: 'Windows' }] }),
      ['VmSizeNotAvailable nodePools[1].vmSize', 'WindowsCredentialsNotConfigured nodePools[1].osType', 'invalid_value network.plugin'],
    ],
  ];

  it.each(clusterCases)('PUT cluster, %s: one 400 listing both, dry run and real alike, and nothing written', async (_label, body, expected) => {
    stack.emulator.resetCounters();
    const dryRun = await jsonRequest(stack, 'PUT', `${CLUSTERS}/together?dryRun=true`, body);
    expect(dryRun.status, dryRun.text).toBe(400);
    expect(dryRun.headers['content-type']).toBe('application/problem+json');
    expect(problemsOf(dryRun)).toEqual(expected);
    const real = await jsonRequest(stack, 'PUT', `${CLUSTERS}/together`, body);
    expect(real.status).toBe(400);
    expect(real.json.errors).toEqual(dryRun.json.errors);
    expect(writesSeen(stack.emulator.counters())).toEqual([]);
  });

  const poolCases: [string, string, string, Record<string, unknown>, string[]][] = [
    ['PUT a new pool', 'PUT', 'nodePools/fresh', { vmSize: 'Standard_Nope_v9', count: -1 }, ['VmSizeNotAvailable vmSize', 'too_small count']],
    ['PATCH an existing pool', 'PATCH', 'nodePools/batch', { vmSize: 'Standard_D8s_v5', maxPods: 5 }, ['PropertyChangeNotAllowed vmSize', 'too_small maxPods']],
    [
      'PATCH the cluster',
      'PATCH',
      '',
      { tier: 'Gold', kubernetesVersion: '1.34' },
      // Both pools run 1.36: a 1.34 control plane would be behind them.
      ['NodePoolMcVersionIncompatible nodePools[0].orchestratorVersion', 'NodePoolMcVersionIncompatible nodePools[1].orchestratorVersion', 'VersionDowngrade kubernetesVersion', 'invalid_value tier'],
    ],
  ];

  it.each(poolCases)('%s with a schema problem and a rule problem: one 400 listing both, nothing written', async (_label, method, route, body, expected) => {
    stack.emulator.resetCounters();
    const target = `${CLUSTERS}/live${route ? `/${route}` : ''}`;
    const dryRun = await jsonRequest(stack, method, `${target}?dryRun=true`, body);
    expect(dryRun.status, dryRun.text).toBe(400);
    expect(problemsOf(dryRun)).toEqual(expected);
    const real = await jsonRequest(stack, method, target, body);
    expect(real.status).toBe(400);
    expect(real.json.errors).toEqual(dryRun.json.errors);
    expect(writesSeen(stack.emulator.counters())).toEqual([]);
  });

  it('a body whose only problems are schema ones answers exactly as before: the schema issues, the same detail', async () => {
    stack.emulator.resetCounters();
    const body = cluster({ tier: 'Gold', nodePools: [{ ...system, count: -1 }] });
    const parsed = clusterSpecSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    const answer = await jsonRequest(stack, 'PUT', `${CLUSTERS}/schemaonly?dryRun=true`, body);
    expect(answer.status).toBe(400);
    expect(answer.json.detail).toBe('The request body is invalid: tier, nodePools[0].count.');
    expect(answer.json.errors).toEqual(issuesOf(parsed.error!));
    expect(writesSeen(stack.emulator.counters())).toEqual([]);
  });

  it('an invalid body whose judgement cannot finish (here: no such cluster) answers its schema issues, as before', async () => {
    const answer = await jsonRequest(stack, 'PATCH', `${CLUSTERS}/missing?dryRun=true`, { tier: 'Gold', kubernetesVersion: '1.34' });
    expect(answer.status).toBe(400);
    expect(answer.json.detail).toBe('The request body is invalid: tier.');
    expect(problemsOf(answer)).toEqual(['invalid_value tier']);
  });

  it('a body without a valid region answers its schema issues only, without asking ARM anything', async () => {
    stack.emulator.resetCounters();
    const answer = await jsonRequest(stack, 'PUT', `${CLUSTERS}/noregion`, cluster({ location: 'East US', nodePools: [{ ...system, vmSize: 'Standard_Nope_v9' }] }));
    expect(answer.status).toBe(400);
    expect(problemsOf(answer)).toEqual(['invalid_format location']);
    expect(stack.emulator.requestsSeen()).toBe(0);
  });
});
