import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { basicCluster, clusterPath, raw, SUB, withApi } from '../emulator/harness';
import { startFleetStack, type FleetStack } from '../support/fleetStack';
import { waitFor } from './updateRuns/updateRunStack';

const AUDIENCE = 'api://fleetplane-update-runs-e2e';
const OWNER = '0e000000-0000-4000-8000-00000000a001';
const OPERATOR = '0e000000-0000-4000-8000-00000000a002';
const READER = '0e000000-0000-4000-8000-00000000a003';
const RG = 'rg-runs';
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-runs-e2e`;
const MONITORING = { addonProfiles: { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: WORKSPACE } } } };
const GOOD = ['good-a', 'good-b'];
/** Each bad member and the one blocking problem the dry run must name for it. */
const BAD: Record<string, string> = {
  stopped: 'CLUSTER_STOPPED',
  'auto-upgrade': 'AUTO_UPGRADE_CHANNEL_CONFLICT',
  'deprecated-api': 'DEPRECATED_API_USED',
  'no-quota': 'QUOTA_EXCEEDED',
};
const idOf = (name: string) => clusterPath(RG, name);
const COMPONENT_STATUS_CALLS = { userAgent: 'legacy-monitor/1.0', user: 'system:serviceaccount:ops:legacy-monitor', verb: 'list', group: '', version: 'v1', resource: 'componentstatuses', callsPerHour: 60 };

interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/**
 * Update runs through the local host: a dry run over six clusters of the emulator (two good, four with one blocking
 * problem each), validation, authorization, a stored run with an approval gate, start refused by the preflight, skips,
 * start, stop and the report. The emulator's clock is frozen and hours in the past; the host reads it as its clock.
 */
describe('update runs through the local host', () => {
  let stack: FleetStack;
  let emulator: RunningAksEmulator;
  const tokens: Record<string, string> = {};

  async function call(route: string, options: { method?: string; body?: unknown; as?: string } = {}): Promise<Answer> {
    const response = await fetch(`${stack.host.origin}/api/${route}`, {
      method: options.method ?? 'GET',
      headers: { authorization: `Bearer ${tokens[options.as ?? 'owner']}`, ...(options.body ? { 'content-type': 'application/json' } : {}) },
      ...(options.body ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: response.headers };
  }

  /** GETs the run until its preflight (queued system work) is no longer pending. */
  const preflighted = (runId: string): Promise<Answer> =>
    waitFor(() => call(`updateRuns/${runId}`), (answer) => answer.body?.preflight?.status !== 'Pending', 60_000, `preflight of ${runId}`, (answer) => answer.body?.preflight);

  const twoMinorRun = (extra: Record<string, unknown> = {}) => ({
    upgradeType: 'Full',
    kubernetesVersion: '1.37',
    members: { clusterIds: [...GOOD, ...Object.keys(BAD)].map(idOf) },
    ...extra,
  });

  beforeAll(async () => {
    stack = await startFleetStack({
      audience: AUDIENCE,
      emulator: { speed: 0, clockStart: Date.now() - 30 * 3_600_000 },
      monitoring: true,
      // These tests read every member live several times in a few seconds, more than one caller's default share of
      // ARM's read bucket; the budget itself is the last describe's subject.
      env: (emulator) => ({ FLEETPLANE_VIRTUAL_CLOCK_URL: `${emulator.baseUrl}/_emulator/clock`, FLEETPLANE_ARM_READ_BUCKET: '1000' }),
      prepare: async (emulator) => {
        expect((await raw(emulator, 'PUT', `${WORKSPACE}?api-version=2023-09-01`, { location: 'eastus', properties: {} })).status).toBe(201);
        const create = async (name: string, overrides: Record<string, unknown> = {}, location = 'eastus') => {
          const tags = GOOD.includes(name) ? { fleet: 'runs-e2e', ring: name === 'good-a' ? 'canary' : 'main' } : { fleet: 'runs-e2e-bad' };
          const body = { ...basicCluster({ ...MONITORING, dnsPrefix: name, ...overrides }), location, tags };
          expect((await raw(emulator, 'PUT', withApi(idOf(name)), body)).status).toBeLessThan(300);
        };
        for (const name of [...GOOD, 'stopped', 'deprecated-api']) await create(name);
        await create('auto-upgrade', { autoUpgradeProfile: { upgradeChannel: 'stable' } });
        await create('no-quota', {}, 'westus2');
        emulator.advanceClock(30 * 60);
        expect((await raw(emulator, 'POST', withApi(`${idOf('stopped')}/stop`))).status).toBeLessThan(300);
        // Two Standard_D2s_v5 nodes use 4 vCPUs: a quota of 4 leaves nothing for a surge node.
        emulator.setQuota({ subscriptionId: SUB, location: 'westus2', family: 'standardDSv5Family', limit: 4 });
        for (const name of [...GOOD, ...Object.keys(BAD)]) {
          emulator.workload.set(SUB, RG, name, { apiClients: name === 'deprecated-api' ? [COMPONENT_STATUS_CALLS] : [] });
        }
        // Past AKS's 12-hour look-back: only the calls of these workloads count (the default ones may call deprecated APIs).
        emulator.advanceClock(13 * 60 * 60);
      },
    });
    emulator = stack.emulator;
    tokens.owner = await stack.token({ role: 'Owner', oid: OWNER });
    tokens.operator = await stack.token({ role: 'Operator', oid: OPERATOR });
    tokens.reader = await stack.token({ role: 'Reader', oid: READER });
  }, 180_000);

  afterAll(() => stack?.stop());

  it('a dry run of a two-minor upgrade, planned on the queue, shows both hops for every member and the blocking problem of each bad one, and never starts', async () => {
    const before = emulator.counters();
    const accepted = await call('updateRuns?dryRun=true', { method: 'POST', body: twoMinorRun() });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('location')).toMatch(new RegExp(`/api/updateRuns/${accepted.body.id}$`));
    expect(accepted.body).toMatchObject({ dryRun: true, preflight: { status: 'Pending', purpose: 'plan' } });
    const dry = await preflighted(accepted.body.id);
    const after = emulator.counters();
    expect(dry.body).toMatchObject({ status: 'NotStarted', dryRun: true, preflight: { status: 'Completed' }, resolvedVersion: '1.37.1' });
    expect(dry.body.members).toHaveLength(6);
    for (const member of dry.body.members) {
      expect(member.steps.map((step: { controlPlane: string }) => step.controlPlane), member.name).toEqual(['1.36.2', '1.37.1']);
      expect(member.steps[0].nodePools, member.name).toEqual({ system: '1.36.2' });
      const blocking = member.problems.filter((problem: { severity: string }) => problem.severity === 'Blocking').map((problem: { code: string }) => problem.code);
      expect(blocking, member.name).toEqual(BAD[member.name] ? [BAD[member.name]] : []);
      // PDBs come through AKS run command: none in these workloads; a stopped cluster cannot run the command.
      const budgets = member.problems.filter((problem: { check: string }) => problem.check === 'podDisruptionBudgets');
      expect(budgets, member.name).toEqual(member.name === 'stopped' ? [expect.objectContaining({ severity: 'NotChecked', code: 'PDB_NOT_READABLE' })] : []);
    }
    const deprecated = dry.body.members.find((member: { name: string }) => member.name === 'deprecated-api');
    expect(deprecated.problems.find((problem: { code: string }) => problem.code === 'DEPRECATED_API_USED')).toMatchObject({ azureErrorCode: 'UpgradeBlockedOnDeprecatedAPIUsage' });
    expect(deprecated.problems.find((problem: { code: string }) => problem.code === 'DEPRECATED_API_USED').message).toContain('componentstatuses');
    expect(dry.body.estimate.makespanMinutes).toBeGreaterThan(0);
    expect(dry.body.estimate.makespanMinutes).toBeGreaterThanOrEqual(dry.body.estimate.lowerBoundMinutes);
    // One audit query for the one workspace; per member the cluster and its maintenance configuration (no upgrade
    // profile: none of them is on LTS or out of support, so no hop may skip a minor); per running member one run command.
    const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
    expect(delta('logAnalytics.query')).toBe(1);
    expect(delta('managedClusters.get')).toBe(6);
    expect(delta('managedClusters.getUpgradeProfile')).toBe(0);
    expect(delta('maintenanceConfigurations.get')).toBe(6);
    expect(delta('managedClusters.runCommand')).toBe(5);
    expect((await call('updateRuns')).body.value).toEqual([expect.objectContaining({ id: dry.body.id, dryRun: true, preflight: expect.objectContaining({ status: 'Completed' }) })]);
    expect(await call(`updateRuns/${dry.body.id}/start`, { method: 'POST' })).toMatchObject({ status: 409, body: { code: 'DryRunNotStartable' } });
  });

  it('a tag selector resolves the members through the inventory; groups take them by tags; a member no group takes blocks', async () => {
    expect((await call('clusters/sync', { method: 'POST' })).status).toBe(200);
    const strategy = { stages: [{ name: 'canary', groups: [{ name: 'first', members: { tagSelector: { ring: 'canary' } } }] }] };
    const accepted = await call('updateRuns?dryRun=true', { method: 'POST', body: { upgradeType: 'Full', kubernetesVersion: '1.36', members: { tagSelector: { FLEET: 'runs-e2e' } }, strategy } });
    expect(accepted.status).toBe(202);
    const dry = await preflighted(accepted.body.id);
    const byName = Object.fromEntries(dry.body.members.map((member: { name: string }) => [member.name, member]));
    expect(Object.keys(byName).sort()).toEqual(GOOD);
    expect(byName['good-a']).toMatchObject({ stage: 'canary', group: 'first', steps: [{ controlPlane: '1.36.2' }] });
    expect(byName['good-b'].problems.filter((problem: { severity: string }) => problem.severity === 'Blocking')).toEqual([expect.objectContaining({ check: 'membership', code: 'MEMBER_NOT_IN_ANY_GROUP' })]);
    const none = await call('updateRuns?dryRun=true', { method: 'POST', body: { upgradeType: 'Full', kubernetesVersion: '1.36', members: { tagSelector: { fleet: 'nobody' } } } });
    expect(none).toMatchObject({ status: 422, body: { code: 'NoMembers' } });
  });

  it('validation names every bad field at once', async () => {
    const answer = await call('updateRuns', {
      method: 'POST',
      body: { upgradeType: 'Full', members: { clusterIds: ['not-a-cluster'] }, strategy: { stages: [{ name: 'a.b', groups: [] }] } },
    });
    expect(answer.status).toBe(400);
    const paths = answer.body.errors.map((error: { path: string }) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['members.clusterIds[0]', 'strategy.stages[0].name', 'strategy.stages[0].groups', 'kubernetesVersion']));
  });

  it('a Reader may not plan a run; an Operator may, and only an Operator approves its approval gate', async () => {
    const body = twoMinorRun({ members: { clusterIds: GOOD.map(idOf) }, strategy: { stages: [{ name: 'canary', beforeGates: [{ type: 'Approval' }], groups: [{ name: 'all' }] }] } });
    expect((await call('updateRuns', { method: 'POST', body, as: 'reader' })).status).toBe(403);
    const created = await call('updateRuns', { method: 'POST', body, as: 'operator' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(new RegExp(`/api/updateRuns/${created.body.id}$`));
    expect(created.body.gates).toEqual([expect.objectContaining({ id: 'canary.before.0', status: 'Pending', definition: { type: 'Approval' } })]);
    expect((await preflighted(created.body.id)).body.preflight).toMatchObject({ status: 'Completed', requestedBy: OPERATOR });
    const approve = `updateRuns/${created.body.id}/gates/canary.before.0/approve`;
    expect((await call(approve, { method: 'POST', as: 'reader' })).status).toBe(403);
    const read = await call(`updateRuns/${created.body.id}`, { as: 'reader' });
    expect(read.status).toBe(200);
    expect(read.body.memberCounts).toMatchObject({ NotStarted: 2 });
    const approved = await call(approve, { method: 'POST', as: 'operator' });
    expect(approved.status).toBe(200);
    expect(approved.body.gates[0]).toMatchObject({ status: 'Approved', decidedBy: OPERATOR });
    expect(approved.body.events.map((event: { kind: string }) => event.kind)).toEqual(['Created', 'Planned', 'GateApproved']);
    expect((await call('updateRuns/ur-missing-1/gates/x.before.0/approve', { method: 'POST', as: 'operator' })).status).toBe(404);
  });

  it('the start preflight refuses a start while members have blocking problems; skipped, the run starts frozen; stop, then the report', async () => {
    // Run ids sort by creation time on the host's (virtual) clock, newest first: each run here is a minute younger
    // than the runs of the tests above.
    emulator.advanceClock(60);
    const oldest = await call('updateRuns', { method: 'POST', body: twoMinorRun({ members: { clusterIds: [idOf('good-b')] } }) });
    emulator.advanceClock(60);
    const created = await call('updateRuns', { method: 'POST', body: twoMinorRun() });
    expect(created.status).toBe(201);
    const runId = created.body.id as string;
    await preflighted(runId);
    const asked = await call(`updateRuns/${runId}/start`, { method: 'POST' });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ status: 'NotStarted', preflight: { status: 'Pending', purpose: 'start', requestedBy: OWNER } });
    const refused = await preflighted(runId);
    expect(refused.body).toMatchObject({ status: 'NotStarted', preflight: { status: 'Failed', purpose: 'start' } });
    for (const name of Object.keys(BAD)) expect(refused.body.preflight.error).toContain(name);
    expect((await call(`updateRuns/${runId}/report`)).status).toBe(409);

    for (const name of Object.keys(BAD)) expect((await call(`updateRuns/${runId}/skip`, { method: 'POST', body: { member: idOf(name) } })).status).toBe(200);
    expect((await call(`updateRuns/${runId}/start`, { method: 'POST' })).status).toBe(202);
    const started = await preflighted(runId);
    expect(started.body).toMatchObject({ status: 'Running', preflight: { status: 'Completed' } });
    expect(started.body.memberCounts).toMatchObject({ Skipped: 4 });
    expect(started.body.frozenAt).toBe(started.body.startedAt);
    expect(started.body.events.map((event: { kind: string }) => event.kind).slice(0, 8)).toEqual(['Created', 'Planned', 'PreflightFailed', 'Skipped', 'Skipped', 'Skipped', 'Skipped', 'Started']);
    expect((await call(`updateRuns/${runId}/start`, { method: 'POST' })).status).toBe(200);

    const stopped = await call(`updateRuns/${runId}/stop`, { method: 'POST', as: 'operator' });
    expect(stopped.body.status).toBe('Stopping');
    expect((await call(`updateRuns/${runId}/stop`, { method: 'POST', as: 'reader' })).status).toBe(403);

    emulator.advanceClock(60);
    const unstarted = await call('updateRuns', { method: 'POST', body: twoMinorRun({ members: { clusterIds: [idOf('good-a')] } }) });
    await preflighted(unstarted.body.id);
    expect((await call(`updateRuns/${unstarted.body.id}/stop`, { method: 'POST' })).body.status).toBe('Stopped');
    const report = await call(`updateRuns/${unstarted.body.id}/report`);
    expect(report.status).toBe(200);
    expect(report.body.members).toEqual([expect.objectContaining({ clusterId: idOf('good-a'), status: 'NotStarted', steps: [expect.objectContaining({ controlPlane: '1.36.2', status: 'Pending' }), expect.objectContaining({ controlPlane: '1.37.1' })] })]);

    const listed = await call('updateRuns?pageSize=2');
    expect(listed.body.value.map((run: { id: string }) => run.id)).toEqual([unstarted.body.id, runId]);
    expect(listed.body.nextLink).toContain('continuationToken=');
    const next = await fetch(listed.body.nextLink, { headers: { authorization: `Bearer ${tokens.owner}` } });
    expect(((await next.json()) as { value: { id: string }[] }).value.map((run) => run.id)).toContain(oldest.body.id);
  });
});

/**
 * The preflight's reads are system work on the update-runs queue, not the caller's: a run needing more reads than the
 * caller's share of the ARM read budget is created, planned and started without a 429.
 */
describe('an update run larger than the caller’s ARM read burst', () => {
  let stack: FleetStack;
  const names = ['budget-a', 'budget-b', 'budget-c', 'budget-d'];

  beforeAll(async () => {
    stack = await startFleetStack({
      audience: 'api://fleetplane-update-runs-budget-e2e',
      // A caller's burst: 20 reads × (1 − 0.2 system share) × 0.25 = 4 reads; four members need 8, refilled at 0.1/s.
      env: () => ({ FLEETPLANE_ARM_READ_BUCKET: '20', FLEETPLANE_ARM_READS_PER_SECOND: '0.5' }),
      prepare: async (emulator) => {
        for (const name of names) {
          expect((await raw(emulator, 'PUT', withApi(clusterPath(RG, name)), basicCluster({ dnsPrefix: name }))).status).toBeLessThan(300);
        }
        emulator.advanceClock(30 * 60);
        // The default workloads may hold PDBs that allow no disruption (blocking); this test is about the read budget.
        for (const name of names) emulator.workload.patch(SUB, RG, name, { podDisruptionBudgets: [] });
      },
    });
  }, 120_000);

  afterAll(() => stack?.stop());

  it('is planned and started by the queue, no 429', async () => {
    const authorization = `Bearer ${await stack.token({ role: 'Owner', oid: OWNER })}`;
    const call = async (route: string, method = 'GET', body?: unknown) => {
      const response = await fetch(`${stack.host.origin}/api/${route}`, { method, headers: { authorization, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
      return { status: response.status, body: (await response.json()) as any };
    };
    const settled = (runId: string) => waitFor(() => call(`updateRuns/${runId}`), (answer) => answer.body.preflight?.status !== 'Pending', 60_000, 'preflight', (answer) => answer.body);
    const created = await call('updateRuns', 'POST', { upgradeType: 'Full', kubernetesVersion: '1.36', members: { clusterIds: names.map((name) => clusterPath(RG, name)) } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const planned = await settled(created.body.id);
    expect(planned.body.preflight).toMatchObject({ status: 'Completed' });
    expect(planned.body.members.map((member: { steps: unknown[]; problems: { severity: string }[] }) => [member.steps.length, member.problems.filter((p) => p.severity === 'Blocking')])).toEqual(names.map(() => [1, []]));
    expect((await call(`updateRuns/${created.body.id}/start`, 'POST')).status).toBe(202);
    expect((await settled(created.body.id)).body).toMatchObject({ status: 'Running', preflight: { status: 'Completed', purpose: 'start' } });
    expect((await call(`updateRuns/${created.body.id}/stop`, 'POST')).status).toBe(200);
  });
});
