import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { preflightMember, type MemberFacts, type PreflightProblem } from '../../../shared/domain/updateRuns';
import { factsOf, NOW, poolOf } from './memberFactsExamples';

const TWO_MINORS = { upgradeType: 'Full', kubernetesVersion: '1.35' } as const;
const codes = (problems: PreflightProblem[], severity: PreflightProblem['severity']) => problems.filter((problem) => problem.severity === severity).map((problem) => problem.code).sort();

const removedApi = { apiGroup: 'flowcontrol.apiserver.k8s.io', apiVersion: 'v1beta3', resource: 'flowschemas', removedRelease: '1.32', calls: 24, lastSeen: NOW };
const laterApi = { apiGroup: '', apiVersion: 'v1', resource: 'componentstatuses', calls: 3, lastSeen: NOW };

/** Each fault the dry run must name, as facts, and the code it must report. */
const FAULTS: Record<string, { facts: Partial<MemberFacts>; code: string; pools?: boolean }> = {
  stopped: { facts: { powerState: 'Stopped' }, code: 'CLUSTER_STOPPED' },
  autoUpgrade: { facts: {}, code: 'AUTO_UPGRADE_CHANNEL_CONFLICT' },
  deprecatedApi: { facts: { deprecatedApiUse: { checked: true, value: [removedApi] } }, code: 'DEPRECATED_API_USED' },
  quota: { facts: { freeVcpus: { checked: true, value: [{ name: 'cores', free: 2 }, { name: 'standardDSv5Family', free: 100 }] } }, code: 'QUOTA_EXCEEDED' },
  busy: { facts: { provisioningState: 'Upgrading' }, code: 'OPERATION_IN_PROGRESS' },
};

function withFaults(names: readonly string[]): MemberFacts {
  let facts = factsOf();
  for (const name of names) facts = { ...facts, ...FAULTS[name]!.facts };
  if (names.includes('autoUpgrade')) facts = { ...facts, versions: { ...facts.versions!, autoUpgradeChannel: 'stable' } };
  return facts;
}

describe('preflightMember: the plan and every problem of one member at once', () => {
  it('a healthy member on 1.33 to 1.35: both hops, nothing blocking or unchecked, an estimate', () => {
    const plan = preflightMember(factsOf(), TWO_MINORS, NOW);
    expect(plan.resolvedTarget).toBe('1.35.2');
    expect(plan.steps).toEqual([
      { controlPlane: '1.34.3', nodePools: { system: '1.34.3' } },
      { controlPlane: '1.35.2', nodePools: { system: '1.35.2' } },
    ]);
    expect(codes(plan.problems, 'Blocking')).toEqual([]);
    expect(codes(plan.problems, 'NotChecked')).toEqual([]);
    // Per step: control plane 480 s, then 3 nodes with 1 surge node: 90 + 3 × (60 + 120) + 30.
    expect(plan.upgradeSeconds).toBe(2 * (480 + 90 + 3 * 180 + 30));
    expect(plan.window).toEqual({ hasWindow: false, open: true });
  });

  it.each(Object.entries(FAULTS))('%s is reported as blocking with its code', (name, fault) => {
    const plan = preflightMember(withFaults([name]), TWO_MINORS, NOW);
    expect(codes(plan.problems, 'Blocking')).toEqual([fault.code]);
  });

  it('names AKS’s own error codes where AKS would refuse', () => {
    const plan = preflightMember(withFaults(['deprecatedApi', 'quota', 'busy']), TWO_MINORS, NOW);
    const azureCodes = plan.problems.flatMap((problem) => (problem.azureErrorCode ? [problem.azureErrorCode] : [])).sort();
    expect(azureCodes).toEqual(['OperationNotAllowed', 'QuotaExceeded', 'UpgradeBlockedOnDeprecatedAPIUsage']);
  });

  it('every fault at once is every problem at once (property)', () => {
    fc.assert(
      fc.property(fc.subarray(Object.keys(FAULTS)), (names) => {
        const plan = preflightMember(withFaults(names), TWO_MINORS, NOW);
        expect(codes(plan.problems, 'Blocking')).toEqual(names.map((name) => FAULTS[name]!.code).sort());
        expect(plan.steps).toHaveLength(2);
      }),
    );
  });

  it('a deprecated API without a removal date blocks a minor upgrade too; a patch upgrade does not look at API use', () => {
    const later = preflightMember(factsOf({ deprecatedApiUse: { checked: true, value: [laterApi] } }), TWO_MINORS, NOW);
    expect(codes(later.problems, 'Blocking')).toEqual(['DEPRECATED_API_USED']);
    expect(later.problems.find((problem) => problem.check === 'deprecatedApis')?.message).toContain('v1 componentstatuses (3 calls)');
    const patch = preflightMember(factsOf({ deprecatedApiUse: { checked: true, value: [removedApi] } }), { upgradeType: 'Full', kubernetesVersion: '1.33' }, NOW);
    expect(patch.problems.filter((problem) => problem.check === 'deprecatedApis')).toEqual([]);
  });

  it('facts that could not be read are "not checked", never a silent pass', () => {
    const plan = preflightMember(
      factsOf({
        deprecatedApiUse: { checked: false, reason: 'no workspace' },
        freeVcpus: { checked: false, reason: 'Compute answered 503' },
        maintenanceWindow: { checked: false, reason: 'timeout' },
        podDisruptionBudgets: { checked: false, reason: 'run command is disabled' },
      }),
      TWO_MINORS,
      NOW,
    );
    expect(codes(plan.problems, 'NotChecked')).toEqual(['DEPRECATED_APIS_UNKNOWN', 'PDB_NOT_READABLE', 'QUOTA_UNKNOWN', 'WINDOW_UNKNOWN']);
  });

  it('a version AKS does not offer, a skipped minor path and a pool outside skew come from the planner', () => {
    expect(codes(preflightMember(factsOf(), { upgradeType: 'Full', kubernetesVersion: '1.35.9' }, NOW).problems, 'Blocking')).toEqual(['VERSION_NOT_AVAILABLE']);
    const lagging = factsOf({ pools: [poolOf({ currentOrchestratorVersion: '1.29.100' })] });
    const skew = preflightMember({ ...lagging, versions: { ...lagging.versions!, controlPlane: '1.33.5', nodePools: { system: '1.29.100' } } }, TWO_MINORS, NOW);
    expect(skew.problems.find((problem) => problem.severity === 'Blocking')?.check).toBe('versionSkew');
  });

  it('an unreadable cluster has one problem and no plan', () => {
    const plan = preflightMember(factsOf({ unreadable: 'Cluster c1 does not exist.' }), TWO_MINORS, NOW);
    expect(plan).toMatchObject({ steps: [], upgradeSeconds: 0, problems: [{ code: 'CLUSTER_NOT_READABLE', severity: 'Blocking' }] });
  });

  it('a weekly window closed now: when it opens and closes', () => {
    const window = { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Saturday' } }, durationHours: 4, startTime: '02:00', utcOffset: '+00:00' };
    const plan = preflightMember(factsOf({ maintenanceWindow: { checked: true, value: window } }), TWO_MINORS, '2026-12-09T12:00:00Z');
    expect(plan.window).toEqual({ hasWindow: true, open: false, opensAt: '2026-12-12T02:00:00Z', closesAt: '2026-12-12T06:00:00Z' });
  });

  it('node-image runs: one step (one ARM operation) per pool whose image is behind; stopped pools roll no nodes', () => {
    const facts = factsOf({
      pools: [poolOf(), poolOf({ name: 'user', mode: 'User', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202612.01.0' }), poolOf({ name: 'idle', mode: 'User', powerState: 'Stopped' })],
    });
    const plan = preflightMember(facts, { upgradeType: 'NodeImageOnly' }, NOW);
    expect(plan.steps).toEqual([
      { nodeImage: true, nodePools: { system: 'AKSUbuntu-2204gen2containerd-202612.01.0' } },
      { nodeImage: true, nodePools: { idle: 'AKSUbuntu-2204gen2containerd-202612.01.0' } },
    ]);
    expect(plan.upgradeSeconds).toBe(90 + 3 * 180 + 30);
  });

  describe('Consistent node images (the run selected one image per family)', () => {
    const UBUNTU = 'AKSUbuntu-2204gen2containerd';
    const consistentTo = (image: string) => ({ upgradeType: 'NodeImageOnly' as const, consistentNodeImages: { [UBUNTU]: `${UBUNTU}-${image}` } });

    it.each([
      ['offered the selected image: an exact step to it', '202612.01.0', '202611.01.0', 'step'],
      ['already on the selected image: nothing to do', '202612.01.0', '202612.01.0', 'current'],
      ['already past the selected image: nothing to do (no downgrade)', '202612.01.0', '202612.08.0', 'current'],
      ['offered only a newer image: blocking, AKS cannot pin an older one', '202612.08.0', '202611.01.0', 'blocked'],
    ])('%s', (_case, offered, current, outcome) => {
      const facts = factsOf({ pools: [poolOf({ latestNodeImageVersion: { checked: true, value: `${UBUNTU}-${offered}` }, nodeImageVersion: `${UBUNTU}-${current}` })] });
      const plan = preflightMember(facts, consistentTo('202612.01.0'), NOW);
      const imageProblems = plan.problems.filter((p) => p.check === 'nodeImage');
      if (outcome === 'step') expect(plan.steps).toEqual([{ nodeImage: true, exactNodeImage: true, nodePools: { system: `${UBUNTU}-202612.01.0` } }]);
      else expect(plan.steps).toEqual([]);
      if (outcome === 'blocked') expect(imageProblems).toEqual([expect.objectContaining({ severity: 'Blocking', code: 'NODE_IMAGE_NOT_CONSISTENT', pools: ['system'] })]);
      if (outcome === 'current') expect(imageProblems).toEqual([expect.objectContaining({ severity: 'Warning', code: 'NODE_IMAGE_CURRENT' })]);
    });
  });
});
