import { describe, expect, it } from 'vitest';
import type { CreateUpdateRunRequest, RunPreflight, UpdateRun } from '../../../shared/features/updateRuns';
import { awaitsPreflight, completePreflight } from '../../../shared/features/updateRuns/preflightOutcome';
import { planRun, unplannedRun } from '../../../shared/features/updateRuns/runPlanning';
import { skipInRun, approveGate, stopRun } from '../../../shared/features/updateRuns/runTransitions';
import { factsOf, NOW } from './memberFactsExamples';

const id = (name: string) => `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`;
const AT = '2026-12-06T12:00:00Z';
const LATER = '2026-12-06T12:05:00Z';

const request: CreateUpdateRunRequest = {
  upgradeType: 'Full',
  kubernetesVersion: '1.34',
  nodeImageSelection: 'Latest',
  members: { clusterIds: [id('good'), id('stopped')] },
  strategy: { rollbackOnFailedHealthGate: false, stages: [{ name: 'all', afterStageWaitInSeconds: 0, beforeGates: [{ type: 'Approval' }], afterGates: [], groups: [{ name: 'g', beforeGates: [], afterGates: [] }] }] },
};

const preflight = (purpose: RunPreflight['purpose'], overrides: Partial<RunPreflight> = {}): RunPreflight => ({
  id: `pf-${purpose}`,
  purpose,
  status: 'Pending',
  requestedAt: AT,
  requestedBy: 'operator-1',
  messageSentAt: AT,
  ...overrides,
});

/** The run as create stores it (members listed, not read), with `pending` as its preflight. */
const pendingRun = (pending: RunPreflight): UpdateRun & { preflight: RunPreflight } => ({
  ...unplannedRun({ id: 'ur-test', request, createdBy: 'creator', createdAt: AT, clusterIds: [id('good'), id('stopped')] }),
  preflight: pending,
});

/** What the preflight found: one good member, one stopped (a blocking problem). */
const plan = (): UpdateRun =>
  planRun({
    id: 'ur-test',
    request,
    createdBy: 'creator',
    createdAt: AT,
    now: NOW,
    members: [
      { facts: factsOf({ clusterId: id('good'), name: 'good' }), tags: {} },
      { facts: factsOf({ clusterId: id('stopped'), name: 'stopped', powerState: 'Stopped' }), tags: {} },
    ],
  });

describe('a queued preflight and the run it completes', () => {
  it.each<[string, UpdateRun | undefined, string, boolean]>([
    ['the pending preflight', pendingRun(preflight('plan')), 'pf-plan', true],
    ['a superseded id (a start queued another)', pendingRun(preflight('start')), 'pf-plan', false],
    ['a done preflight (a duplicate message)', pendingRun(preflight('plan', { status: 'Completed' })), 'pf-plan', false],
    ['a stopped run', { ...pendingRun(preflight('plan')), status: 'Stopped' }, 'pf-plan', false],
    ['no run', undefined, 'pf-plan', false],
  ])('awaits %s: %s', (_what, run, preflightId, awaited) => {
    expect(awaitsPreflight(run, preflightId)).toBe(awaited);
  });

  it('a plan preflight stores the plan, keeps the skips and approvals made meanwhile, and stays NotStarted', () => {
    const decided = approveGate(skipInRun(pendingRun(preflight('plan')), { member: id('stopped') }, { by: 'operator-2', at: AT })!, 'all.before.0', { by: 'operator-2', at: AT })!;
    const { run, outcome } = completePreflight(decided as UpdateRun & { preflight: RunPreflight }, plan(), LATER);
    expect(outcome).toBe('planned');
    expect(run).toMatchObject({ status: 'NotStarted', preflight: { status: 'Completed', completedAt: LATER }, plannedAt: NOW });
    expect(run.members.map((m) => [m.name, m.status, m.stage, m.steps.length > 0])).toEqual([
      ['good', 'NotStarted', 'all', true],
      ['stopped', 'Skipped', 'all', true],
    ]);
    expect(run.gates[0]).toMatchObject({ status: 'Approved', decidedBy: 'operator-2' });
    expect(run.events.map((e) => e.kind)).toEqual(['Created', 'Skipped', 'GateApproved', 'Planned']);
  });

  it('a start preflight with a blocking problem on a member not skipped refuses the start and says who and why', () => {
    const { run, outcome } = completePreflight(pendingRun(preflight('start')), plan(), LATER);
    expect(outcome).toBe('refused');
    expect(run.status).toBe('NotStarted');
    expect(run.preflight).toMatchObject({ status: 'Failed', completedAt: LATER, error: expect.stringContaining('stopped: CLUSTER_STOPPED') });
    expect(run.events.at(-1)).toMatchObject({ kind: 'PreflightFailed', by: 'operator-1' });
  });

  it('a start preflight with the blocked member skipped turns the run Running, frozen, started by who asked', () => {
    const skipped = skipInRun(pendingRun(preflight('start')), { member: id('stopped') }, { by: 'operator-1', at: AT })! as UpdateRun & { preflight: RunPreflight };
    const { run, outcome } = completePreflight(skipped, plan(), LATER);
    expect(outcome).toBe('started');
    expect(run).toMatchObject({ status: 'Running', startedAt: LATER, frozenAt: LATER, preflight: { status: 'Completed' } });
    expect(run.events.at(-1)).toMatchObject({ kind: 'Started', by: 'operator-1' });
  });

  it('a dry run stays a dry run after its plan', () => {
    const { run } = completePreflight({ ...pendingRun(preflight('plan')), dryRun: true }, plan(), LATER);
    expect(run.dryRun).toBe(true);
  });

  it('stopping a run whose preflight is pending cancels the preflight', () => {
    expect(stopRun(pendingRun(preflight('plan')), { by: 'operator-1', at: LATER })).toMatchObject({ status: 'Stopped', preflight: { status: 'Cancelled', completedAt: LATER } });
  });
});
