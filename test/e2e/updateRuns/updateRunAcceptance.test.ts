import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { basicCluster, clusterPath, raw, SUB, withApi } from '../../emulator/harness';
import { UpdateRunStack, waitFor, type Answer } from './updateRunStack';

const RG = 'rg-update-run';
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-update-run`;
const NAMES = Array.from({ length: 12 }, (_, i) => `c${String(i + 1).padStart(2, '0')}`);
const idOf = (name: string) => `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY = 86_400_000;
/**
 * c12 runs far more replicas than its nodes hold: ten or more pods stay pending, so the health gates' `pendingPods ≤ 5`
 * fails on it (a cluster that was just upgraded shows a few pending pods from the drains inside the 5-minute window).
 */
/** Every other cluster runs a small steady workload: healthy, nothing pending once its nodes are back. */
const LIGHT = {
  profile: { kind: 'steady', intensity: 1 },
  deployments: [{ namespace: 'shop', name: 'web', replicas: 2, maxReplicas: 2, cpuRequestMillicores: 100, memoryRequestBytes: 2 ** 27, cpuUtilisation: 0.2, memoryUtilisation: 0.2 }],
};
const OVERLOADED = {
  profile: { kind: 'steady', intensity: 1 },
  deployments: [{ namespace: 'shop', name: 'web', replicas: 14, maxReplicas: 14, cpuRequestMillicores: 1500, memoryRequestBytes: 2 ** 29, cpuUtilisation: 0.5, memoryUtilisation: 0.5 }],
};

/**
 * Acceptance of #12's engine: 12 clusters in 3 stages through the local host, Azurite, the AKS emulator (real SDK
 * clients, virtual clock) — a health gate after the canary stage, an approval gate before ring1, a cluster whose
 * PDB blocks drain (c05), one whose maintenance window is closed (c08), a health gate after ring2 that fails on c12
 * (rolled back, run paused, resumed). The host is killed twice mid-run; the outcome is the expected one and the
 * emulator took each ARM PUT exactly once.
 */
describe('update run over 12 clusters in 3 stages (local host, Azurite, emulator)', () => {
  const stack = new UpdateRunStack();
  let emulator: RunningAksEmulator;
  let windowOpensAt = 0;

  const run = async (id: string): Promise<Answer> => stack.call('GET', `updateRuns/${id}`);
  /** What a failed wait shows: the run's state in a few lines. */
  const summary = async (answer: Answer) => ({
    operations: await Promise.all(
      (answer.body.members as { status: string; steps: { status: string; operationId?: string }[] }[])
        .flatMap((m) => m.steps.filter((step) => step.status === 'Running' && step.operationId).map((step) => step.operationId!))
        .map(async (id) => (await stack.call('GET', `operations/${id}`)).body),
    ),
    host: stack.host.output().split('\n').filter((line) => /updateRunsAdvance|"level":"(warn|warning|error)"/.test(line)).slice(-12).map((line) => line.slice(0, 600)),
    status: answer.body.status,
    reason: answer.body.statusReason,
    members: (answer.body.members as { name: string; status: string; statusReason?: string; steps: { status: string; operationId?: string; error?: string }[] }[]).map(
      (m) => `${m.name} ${m.status} ${m.statusReason ?? ''} ${m.steps.map((s) => `${s.status}:${s.operationId ?? '-'}:${s.error ?? ''}`).join('|')}`,
    ),
    gates: (answer.body.gates as { id: string; status: string; observations?: unknown[] }[]).map((g) => `${g.id} ${g.status} ${JSON.stringify(g.observations ?? [])}`),
    events: (answer.body.events as { kind: string; message: string }[]).slice(-8).map((e) => `${e.kind}: ${e.message}`),
  });
  const members = (answer: Answer): Record<string, string> => Object.fromEntries((answer.body.members as { name: string; status: string }[]).map((m) => [m.name, m.status]));
  const gate = (answer: Answer, id: string) => (answer.body.gates as { id: string; status: string }[]).find((g) => g.id === id);

  beforeAll(async () => {
    // The clock stands until the workloads are set (on a loaded machine creating twelve clusters takes real seconds,
    // virtual minutes at 240×, in which the default workloads' API clients would call deprecated APIs).
    await stack.start({ speed: 0, clockStart: Date.parse('2026-12-07T06:00:00Z') }, async (emu) => {
      expect((await raw(emu, 'PUT', `${WORKSPACE}?api-version=2023-09-01`, { location: 'eastus', properties: {} })).status).toBe(201);
      const monitoring = { addonProfiles: { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: WORKSPACE } } }, autoUpgradeProfile: { upgradeChannel: 'none' } };
      for (const name of NAMES) {
        const created = await raw(emu, 'PUT', withApi(clusterPath(RG, name)), basicCluster({ ...monitoring, dnsPrefix: name }));
        expect(created.status).toBeLessThan(300);
      }
      for (const name of NAMES) emu.workload.set(SUB, RG, name, name === 'c12' ? OVERLOADED : LIGHT);
      emu.advanceClock(30 * 60);
      // c08's window: weekly, 8 hours, three days from now: closed for the whole run until the test moves the clock there.
      const opens = new Date(Date.parse(emu.now()) + 3 * DAY);
      windowOpensAt = Date.UTC(opens.getUTCFullYear(), opens.getUTCMonth(), opens.getUTCDate(), 0, 0);
      const window = { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: WEEKDAYS[opens.getUTCDay()] } }, durationHours: 8, utcOffset: '+00:00', startTime: '00:00' };
      const config = await raw(emu, 'PUT', withApi(`${clusterPath(RG, 'c08')}/maintenanceConfigurations/aksManagedAutoUpgradeSchedule`), { properties: { maintenanceWindow: window } });
      expect(config.status).toBeLessThan(300);
      emu.resetCounters();
      emu.setClockSpeed(240);
    });
    emulator = stack.emulator;
  }, 180_000);

  afterAll(() => stack.stop());

  it('ends with the expected member results; two kills of the host change nothing and no ARM PUT is repeated', async () => {
    const health = (soakSeconds: number) => ({ type: 'Health', worstStatus: 'Degraded', conditions: [{ signal: 'pendingPods', atMost: 5 }], window: 'PT5M', soakSeconds });
    const created = await stack.call('POST', 'updateRuns', {
      name: 'acceptance',
      upgradeType: 'Full',
      kubernetesVersion: '1.36',
      members: { clusterIds: NAMES.map(idOf) },
      strategy: {
        rollbackOnFailedHealthGate: true,
        stages: [
          { name: 'canary', groups: [{ name: 'g1', members: { clusterIds: ['c01', 'c02'].map(idOf) }, maxConcurrency: 2 }], afterGates: [health(600)] },
          {
            name: 'ring1',
            beforeGates: [{ type: 'Approval', displayName: 'ring1 go' }],
            groups: [
              { name: 'gA', members: { clusterIds: ['c03', 'c04', 'c05', 'c06'].map(idOf) }, maxConcurrency: 2, maxAllowedFailures: 1 },
              { name: 'gB', members: { clusterIds: ['c07', 'c08'].map(idOf) }, maxConcurrency: 2 },
            ],
          },
          { name: 'ring2', groups: [{ name: 'g1', maxConcurrency: 4, maxAllowedFailures: 1, afterGates: [health(300)] }] },
        ],
      },
    });
    expect(created.status, `${JSON.stringify(created.body)}\n${stack.host.output().slice(-4000)}`).toBe(201);
    const runId = created.body.id as string;
    // The start preflight is queued (202); it turns the run Running.
    const started = await stack.call('POST', `updateRuns/${runId}/start`);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    await waitFor(() => run(runId), (a) => a.body.status === 'Running', 60_000, 'run started by its preflight', (a) => a.body.preflight);
    // c05's PDB appears once the run has started (before ring1 reaches it): one present at the start preflight is a
    // blocking problem (PDB_BLOCKS_DRAIN), so only the drain can catch this one.
    emulator.declarePdb(SUB, RG, 'c05', { namespace: 'payments', name: 'api-pdb' });

    // Kill 1: while the canary's upgrades are in flight.
    await waitFor(() => run(runId), (a) => members(a)['c01'] === 'Running', 60_000, 'canary running', summary);
    await stack.killHost();
    await stack.startHost();
    await stack.repairKick(runId);

    const approval = await waitFor(() => run(runId), (a) => gate(a, 'ring1.before.0')?.status === 'Waiting', 120_000, 'approval gate waiting', summary);
    expect(members(approval)).toMatchObject({ c01: 'Succeeded', c02: 'Succeeded', c03: 'NotStarted' });
    expect(gate(approval, 'canary.after.0')).toMatchObject({ status: 'Passed' });
    expect((await stack.call('POST', `updateRuns/${runId}/gates/ring1.before.0/approve`)).status).toBe(200);

    // Kill 2: while c05 sits on its PDB-blocked drain.
    await waitFor(() => run(runId), (a) => members(a)['c05'] === 'Running', 120_000, 'c05 running', summary);
    await stack.killHost();
    await stack.startHost();
    await stack.repairKick(runId);

    const closedWindow = await waitFor(() => run(runId), (a) => ['c03', 'c04', 'c05', 'c06', 'c07'].every((n) => ['Succeeded', 'Failed'].includes(members(a)[n]!)), 180_000, 'ring1 done but c08', summary);
    expect(members(closedWindow)).toMatchObject({ c03: 'Succeeded', c04: 'Succeeded', c05: 'Failed', c06: 'Succeeded', c07: 'Succeeded', c08: 'Waiting', c09: 'NotStarted' });
    const waiting = (closedWindow.body.members as { name: string; window?: { opensAt?: string } }[]).find((m) => m.name === 'c08');
    expect(waiting?.window?.opensAt).toBe(new Date(windowOpensAt).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    emulator.advanceClock((windowOpensAt - Date.parse(emulator.now())) / 1000 + 60);

    const paused = await waitFor(() => run(runId), (a) => a.body.status === 'Paused' && members(a)['c12'] === 'RolledBack', 240_000, 'ring2 health gate failed and c12 rolled back', summary);
    expect(gate(paused, 'ring2.g1.after.0')).toMatchObject({ status: 'Failed' });
    expect((await stack.call('POST', `updateRuns/${runId}/resume`)).status).toBe(200);

    const done = await waitFor(() => run(runId), (a) => ['Completed', 'Failed'].includes(a.body.status as string), 120_000, 'run finished', summary);
    expect(done.body.status, JSON.stringify(await summary(done), null, 1)).toBe('Completed');
    expect(members(done)).toEqual({
      c01: 'Succeeded', c02: 'Succeeded', c03: 'Succeeded', c04: 'Succeeded', c05: 'Failed', c06: 'Succeeded',
      c07: 'Succeeded', c08: 'Succeeded', c09: 'Succeeded', c10: 'Succeeded', c11: 'Succeeded', c12: 'RolledBack',
    });
    const c05 = (done.body.members as { name: string; failures: { code: string; message: string }[] }[]).find((m) => m.name === 'c05')!;
    expect(c05.failures.at(-1)).toMatchObject({ code: 'UpgradeFailed', message: expect.stringContaining('Pod Disruption Budget') });

    // Exactly one cluster PUT per member (c05's failed in its LRO, after ARM took it) and one pool PUT: c12's rollback.
    expect(emulator.appliedWrites()).toMatchObject({ 'managedClusters.createOrUpdate': 12, 'agentPools.createOrUpdate': 1 });
    const operationIds = (done.body.members as { steps: { operationId?: string }[] }[]).flatMap((m) => m.steps.map((s) => s.operationId).filter(Boolean));
    expect(new Set(operationIds).size).toBe(operationIds.length);
    const c12 = emulator.nodes(SUB, RG, 'c12').find((p) => p.pool === 'system')!;
    expect(c12.currentOrchestratorVersion).toMatch(/^1\.35\./);
  }, 600_000);
});
