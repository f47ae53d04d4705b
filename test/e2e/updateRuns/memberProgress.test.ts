import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicCluster, clusterPath, raw, SUB, withApi } from '../../emulator/harness';
import { UpdateRunStack, waitFor, type Answer } from './updateRunStack';

const RG = 'rg-member-progress';
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-progress`;
const idOf = (name: string) => `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const LIGHT = {
  profile: { kind: 'steady', intensity: 1 },
  deployments: [{ namespace: 'shop', name: 'web', replicas: 2, maxReplicas: 2, cpuRequestMillicores: 100, memoryRequestBytes: 2 ** 27, cpuUtilisation: 0.2, memoryUtilisation: 0.2 }],
};

interface MemberView {
  name: string;
  status: string;
  operationId?: string;
  eta?: string;
  steps: { status: string; operationId?: string }[];
  currentStep: number;
  rolling?: { pool: string; surgeNodes: number; nodesUpgraded: number; nodesTotal: number; drain: string; updatedAt: string };
}

/**
 * #12's per-member progress through the local host, Azurite and the emulator (real SDK clients): while a member
 * upgrades, GET /api/updateRuns/{id} names its running operation and ETA, and its `rolling` counts move as Container
 * Insights lists the nodes; a drain a PodDisruptionBudget refuses shows as BlockedByPdb.
 */
describe('update-run member progress (local host, Azurite, emulator)', () => {
  const stack = new UpdateRunStack();

  beforeAll(async () => {
    // The clock stands until the run has started (see the PDB below).
    await stack.start({ speed: 0, clockStart: Date.parse('2026-12-07T06:00:00Z') }, async (emu) => {
      expect((await raw(emu, 'PUT', `${WORKSPACE}?api-version=2023-09-01`, { location: 'eastus', properties: {} })).status).toBe(201);
      const monitoring = { addonProfiles: { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: WORKSPACE } } }, autoUpgradeProfile: { upgradeChannel: 'none' } };
      const rolling = basicCluster({ ...monitoring, dnsPrefix: 'rolling' }, { count: 4, upgradeSettings: { maxSurge: '1' } });
      expect((await raw(emu, 'PUT', withApi(clusterPath(RG, 'rolling')), rolling)).status).toBeLessThan(300);
      expect((await raw(emu, 'PUT', withApi(clusterPath(RG, 'blocked')), basicCluster({ ...monitoring, dnsPrefix: 'blocked' }))).status).toBeLessThan(300);
      for (const name of ['rolling', 'blocked']) emu.workload.set(SUB, RG, name, LIGHT);
      emu.advanceClock(30 * 60);
    });
  }, 180_000);

  afterAll(() => stack.stop());

  it('shows the running operation, the ETA, node counts moving, and BlockedByPdb', async () => {
    const created = await stack.call('POST', 'updateRuns', {
      upgradeType: 'Full',
      kubernetesVersion: '1.36',
      members: { clusterIds: [idOf('rolling'), idOf('blocked')] },
      strategy: { stages: [{ name: 'all', groups: [{ name: 'g', members: { clusterIds: [idOf('rolling'), idOf('blocked')] }, maxConcurrency: 2, maxAllowedFailures: 1 }] }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const runId = created.body.id as string;
    expect((await stack.call('POST', `updateRuns/${runId}/start`)).status).toBe(202);
    // A PDB present at the start preflight is a blocking problem (PDB_BLOCKS_DRAIN); one that appears once the run
    // has started is what only the drain meets.
    await waitFor(() => stack.call('GET', `updateRuns/${runId}`), (a) => a.body.status === 'Running', 60_000, 'run started by its preflight', (a) => a.body.preflight);
    stack.emulator.declarePdb(SUB, RG, 'blocked', { namespace: 'payments', name: 'api-pdb' });
    stack.emulator.setClockSpeed(120);

    const seen: MemberView[] = [];
    const member = (answer: Answer, name: string) => (answer.body.members as MemberView[]).find((m) => m.name === name)!;
    const done = await waitFor(
      async () => {
        const answer = await stack.call('GET', `updateRuns/${runId}`);
        if (answer.status === 200) seen.push(...(answer.body.members as MemberView[]).map((m) => structuredClone(m)));
        return answer;
      },
      (a) => ['Completed', 'Failed'].includes(a.body.status as string),
      180_000,
      'run finished',
      (a) => ({ status: a.body.status, members: a.body.members, host: stack.host.output().split('\n').filter((line) => /"level":"(warn|warning|error)"/.test(line)).slice(-8) }),
    );

    const rollingViews = seen.filter((m) => m.name === 'rolling');
    const running = rollingViews.filter((m) => m.status === 'Running' && m.steps[m.currentStep]?.status === 'Running');
    expect(running.length).toBeGreaterThan(0);
    for (const view of running) {
      expect(view.operationId).toBe(view.steps[view.currentStep]?.operationId);
      expect(Date.parse(view.eta ?? '')).toBeGreaterThan(Date.parse('2026-12-07T06:30:00Z'));
    }
    const counts = new Set(running.flatMap((m) => (m.rolling?.drain === 'Draining' ? [m.rolling.nodesUpgraded] : [])));
    expect(counts.size, JSON.stringify(running.map((m) => m.rolling))).toBeGreaterThanOrEqual(2);
    expect(running.some((m) => m.rolling?.pool === 'system' && m.rolling.nodesTotal === 4 && m.rolling.surgeNodes === 1)).toBe(true);

    const final = member(done, 'rolling');
    expect(final).toMatchObject({ status: 'Succeeded', rolling: { pool: 'system', drain: 'Done', nodesUpgraded: 4, nodesTotal: 4, surgeNodes: 0 } });
    expect(final.operationId).toBeUndefined();
    expect(final.eta).toBeUndefined();

    expect(seen.some((m) => m.name === 'blocked' && m.status === 'Running' && m.rolling?.drain === 'BlockedByPdb' && m.rolling.nodesUpgraded === 0)).toBe(true);
    expect(member(done, 'blocked')).toMatchObject({ status: 'Failed', rolling: { drain: 'BlockedByPdb' } });
  }, 240_000);
});
