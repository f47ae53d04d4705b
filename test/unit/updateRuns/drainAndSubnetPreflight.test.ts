import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freeSubnetAddresses, preflightMember, type MemberFacts, type PodDisruptionBudgetFact, type PreflightProblem } from '../../../shared/domain/updateRuns';
import { factsOf, NOW, poolOf } from './memberFactsExamples';

const FULL = { upgradeType: 'Full', kubernetesVersion: '1.34' } as const;
const SUBNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/nodes';
const pdb = (overrides: Partial<PodDisruptionBudgetFact> = {}): PodDisruptionBudgetFact => ({ namespace: 'payments', name: 'api-pdb', disruptionsAllowed: 0, pools: ['system'], ...overrides });
const problemsOf = (facts: MemberFacts, check: PreflightProblem['check'], target: Parameters<typeof preflightMember>[1] = FULL) =>
  preflightMember(facts, target, NOW).problems.filter((problem) => problem.check === check);

describe('preflight: PodDisruptionBudgets that would block a drain', () => {
  const user = poolOf({ name: 'user', mode: 'User', currentOrchestratorVersion: '1.33.5' });
  const cordon = poolOf({ name: 'user', mode: 'User', undrainableNodeBehavior: 'Cordon', drainTimeoutInMinutes: 15 });
  const cases: { name: string; facts: Partial<MemberFacts>; target?: Parameters<typeof preflightMember>[1]; expected: Partial<PreflightProblem>[] }[] = [
    { name: 'no PDB', facts: {}, expected: [] },
    { name: 'a PDB that allows a disruption', facts: { podDisruptionBudgets: { checked: true, value: [pdb({ disruptionsAllowed: 1 })] } }, expected: [] },
    {
      name: '0 disruptions on a rolled pool (default behaviour): blocking, naming the PDB and the pool',
      facts: { podDisruptionBudgets: { checked: true, value: [pdb()] } },
      expected: [{ severity: 'Blocking', code: 'PDB_BLOCKS_DRAIN', pools: ['system'], message: expect.stringContaining('payments/api-pdb') }],
    },
    {
      name: '0 disruptions on a Cordon pool: a warning',
      facts: { pools: [poolOf(), cordon], podDisruptionBudgets: { checked: true, value: [pdb({ pools: ['user'] })] } },
      expected: [{ severity: 'Warning', code: 'PDB_BLOCKS_DRAIN', pools: ['user'], message: expect.stringContaining('Quarantined'.toLowerCase()) }],
    },
    {
      name: 'pods on a Schedule pool and a Cordon pool: one blocking, one warning',
      facts: { pools: [poolOf(), cordon], podDisruptionBudgets: { checked: true, value: [pdb({ pools: ['system', 'user'] })] } },
      expected: [
        { severity: 'Blocking', pools: ['system'] },
        { severity: 'Warning', pools: ['user'] },
      ],
    },
    { name: 'pods on a pool the run does not roll (stopped)', facts: { pools: [poolOf(), { ...user, powerState: 'Stopped' }], podDisruptionBudgets: { checked: true, value: [pdb({ pools: ['user'] })] } }, expected: [] },
    { name: 'a control-plane-only run drains nothing', facts: { podDisruptionBudgets: { checked: true, value: [pdb()] }, pools: [poolOf({ currentOrchestratorVersion: '1.33.5' })] }, target: { upgradeType: 'ControlPlaneOnly', kubernetesVersion: '1.34' }, expected: [] },
    {
      name: 'run command disabled: not checked, with the reason (never "no PDB")',
      facts: { podDisruptionBudgets: { checked: false, reason: 'run command is disabled on c1' } },
      expected: [{ severity: 'NotChecked', code: 'PDB_NOT_READABLE', message: expect.stringContaining('run command is disabled on c1') }],
    },
    { name: 'not read at all: not checked', facts: { podDisruptionBudgets: undefined }, expected: [{ severity: 'NotChecked', code: 'PDB_NOT_READABLE' }] },
    {
      name: 'a stopped cluster (its pools stopped) could not run the command: still not checked, its nodes drain once it runs',
      facts: { powerState: 'Stopped', pools: [poolOf({ powerState: 'Stopped' })], podDisruptionBudgets: { checked: false, reason: 'cluster c1 is stopped' } },
      expected: [{ severity: 'NotChecked', code: 'PDB_NOT_READABLE' }],
    },
  ];
  it.each(cases)('$name', ({ facts, target, expected }) => {
    const base = factsOf(facts);
    const withoutBudgets = 'podDisruptionBudgets' in facts && facts.podDisruptionBudgets === undefined ? (({ podDisruptionBudgets: _, ...rest }) => rest)(base) : base;
    expect(problemsOf(withoutBudgets, 'podDisruptionBudgets', target)).toEqual(expected.map((problem) => expect.objectContaining(problem)));
  });

  it('a member with many blocking PDBs lists a bounded number and says how many more', () => {
    const many = Array.from({ length: 12 }, (_, i) => pdb({ name: `pdb-${i}` }));
    const problems = problemsOf(factsOf({ podDisruptionBudgets: { checked: true, value: many } }), 'podDisruptionBudgets');
    expect(problems).toHaveLength(9);
    expect(problems.at(-1)).toMatchObject({ severity: 'Blocking', message: expect.stringContaining('4 more') });
  });
});

describe('preflight: subnet addresses for the surge', () => {
  const subnet = (addressPrefixes: string[], ipConfigurationsInUse: number) => ({ [SUBNET_ID.toLowerCase()]: { checked: true as const, value: { addressPrefixes, ipConfigurationsInUse } } });
  // The pool: 3 nodes, maxSurge 10% → 1 surge node; Azure CNI needs 1 + maxPods (30) = 31 addresses for it.
  const onSubnet = poolOf({ vnetSubnetID: SUBNET_ID, maxPods: 30 });
  const cases: { name: string; facts: Partial<MemberFacts>; expected: Partial<PreflightProblem>[] }[] = [
    { name: 'no vnetSubnetID: nothing to check', facts: { podsTakeSubnetIps: true }, expected: [] },
    { name: 'Azure CNI, /24 with 3 nodes × 31 in use: 251 − 93 = 158 free ≥ 31', facts: { podsTakeSubnetIps: true, pools: [onSubnet], subnets: subnet(['10.0.0.0/24'], 93) }, expected: [] },
    {
      name: 'Azure CNI, /25 with 3 × 31 in use: 128 − 5 − 93 = 30 free < 31 → InsufficientSubnetSize',
      facts: { podsTakeSubnetIps: true, pools: [onSubnet], subnets: subnet(['10.0.0.0/25'], 93) },
      expected: [{ severity: 'Blocking', code: 'INSUFFICIENT_SUBNET_SIZE', azureErrorCode: 'InsufficientSubnetSize', pools: ['system'], message: expect.stringMatching(/vnet1\/nodes has 30 free .* needs 31/) }],
    },
    { name: 'Azure CNI, exactly enough (31 free)', facts: { podsTakeSubnetIps: true, pools: [onSubnet], subnets: subnet(['10.0.0.0/25'], 92) }, expected: [] },
    { name: 'kubenet/overlay: the surge node needs one address', facts: { podsTakeSubnetIps: false, pools: [onSubnet], subnets: subnet(['10.0.0.0/29'], 2) }, expected: [] },
    {
      name: 'kubenet/overlay on a full /29 (8 − 5 reserved − 3 nodes)',
      facts: { podsTakeSubnetIps: false, pools: [onSubnet], subnets: subnet(['10.0.0.0/29'], 3) },
      expected: [{ severity: 'Blocking', code: 'INSUFFICIENT_SUBNET_SIZE', message: expect.stringContaining('has 0 free') }],
    },
    {
      name: 'the subnet could not be read: not checked with the reason',
      facts: { podsTakeSubnetIps: true, pools: [onSubnet], subnets: { [SUBNET_ID.toLowerCase()]: { checked: false, reason: 'Network answered 403' } } },
      expected: [{ severity: 'NotChecked', code: 'SUBNET_NOT_READ', message: expect.stringContaining('403') }],
    },
    {
      name: 'two pools on one subnet roll one after another: the larger surge counts',
      facts: { podsTakeSubnetIps: true, pools: [onSubnet, poolOf({ name: 'user', mode: 'User', count: 20, vnetSubnetID: SUBNET_ID, maxPods: 30 })], subnets: subnet(['10.0.0.0/24'], 200) },
      // user: 20 nodes at 10% → 2 surge nodes × 31 = 62 > 51 free.
      expected: [{ severity: 'Blocking', pools: ['system', 'user'], message: expect.stringContaining('needs 62') }],
    },
  ];
  it.each(cases)('$name', ({ facts, expected }) => {
    expect(problemsOf(factsOf(facts), 'subnetIps')).toEqual(expected.map((problem) => expect.objectContaining(problem)));
  });

  it('free addresses: prefix size − 5 reserved − in use, never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 29 }), fc.nat({ max: 70_000 }), (bits, inUse) => {
        const free = freeSubnetAddresses({ addressPrefixes: [`10.0.0.0/${bits}`], ipConfigurationsInUse: inUse });
        expect(free).toBe(Math.max(0, 2 ** (32 - bits) - 5 - inUse));
      }),
    );
  });
});
