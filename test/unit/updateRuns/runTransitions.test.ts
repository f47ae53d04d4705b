import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../../shared/domain/errors';
import { assignMembers } from '../../../shared/domain/updateRuns';
import type { RunMember, UpdateRun } from '../../../shared/features/updateRuns';
import { approveGate, resumeRun, skipInRun, stopRun } from '../../../shared/features/updateRuns/runTransitions';

const actor = { by: 'operator-1', at: '2026-12-06T12:00:00Z' };
const id = (name: string) => `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`;
const member = (name: string, group: string, status: RunMember['status'] = 'NotStarted'): RunMember => ({
  clusterId: id(name),
  name,
  stage: 'canary',
  group,
  status,
  steps: [{ controlPlane: '1.34.3', status: 'Pending' }],
  currentStep: 0,
  failures: [],
  problems: [],
});

function runOf(status: UpdateRun['status'], members: RunMember[] = [member('a', 'g1'), member('b', 'g1'), member('c', 'g2')]): UpdateRun {
  return {
    id: 'ur-test',
    request: { upgradeType: 'Full', kubernetesVersion: '1.34', nodeImageSelection: 'Latest', members: { clusterIds: members.map((m) => m.clusterId) } },
    status,
    createdAt: actor.at,
    createdBy: 'creator',
    plannedAt: actor.at,
    stages: [{ name: 'canary', status: 'NotStarted', maxConcurrency: 2, afterStageWaitInSeconds: 0, groups: [{ name: 'g1', status: 'NotStarted', maxConcurrency: 1, maxAllowedFailures: 0, failureCount: 0 }, { name: 'g2', status: 'NotStarted', maxConcurrency: 1, maxAllowedFailures: 0, failureCount: 0 }] }],
    gates: [
      { id: 'canary.before.0', placement: { stage: 'canary', position: 'before' }, definition: { type: 'Approval' }, status: 'Waiting', observations: [] },
      { id: 'canary.g1.after.0', placement: { stage: 'canary', group: 'g1', position: 'after' }, definition: { type: 'Health', worstStatus: 'Healthy', conditions: [], window: 'PT15M', soakSeconds: 600 }, status: 'Pending', observations: [] },
    ],
    members,
    events: [],
    eventsDropped: 0,
  };
}

describe('run transitions of the API', () => {
  it.each<[UpdateRun['status'], UpdateRun['status'] | 'unchanged' | 'conflict']>([
    ['NotStarted', 'Stopped'],
    ['Running', 'Stopping'],
    ['Paused', 'Stopping'],
    ['Stopping', 'unchanged'],
    ['Stopped', 'unchanged'],
    ['Completed', 'conflict'],
    ['Failed', 'conflict'],
  ])('stop from %s → %s', (from, to) => {
    if (to === 'conflict') return expect(() => stopRun(runOf(from), actor)).toThrow(ConflictError);
    const next = stopRun(runOf(from), actor);
    if (to === 'unchanged') return expect(next).toBeUndefined();
    expect(next?.status).toBe(to);
    expect(next?.events.at(-1)).toMatchObject({ by: 'operator-1' });
  });

  it.each<[UpdateRun['status'], UpdateRun['status'] | 'unchanged' | 'conflict']>([
    ['Paused', 'Running'],
    ['Stopped', 'Running'],
    ['Stopping', 'Running'],
    ['Running', 'unchanged'],
    ['NotStarted', 'conflict'],
    ['Completed', 'conflict'],
  ])('resume from %s → %s', (from, to) => {
    if (to === 'conflict') return expect(() => resumeRun(runOf(from), actor)).toThrow(ConflictError);
    const next = resumeRun({ ...runOf(from), finishedAt: actor.at }, actor);
    if (to === 'unchanged') return expect(next).toBeUndefined();
    expect(next).toMatchObject({ status: to });
    expect(next?.finishedAt).toBeUndefined();
  });

  it('skips a member, a group, a stage that has not started; a started member refuses; unknown names are 404', () => {
    const run = runOf('Running', [member('a', 'g1', 'Succeeded'), member('b', 'g1'), member('c', 'g2')]);
    expect(skipInRun(run, { member: id('b') }, actor)?.members.map((m) => m.status)).toEqual(['Succeeded', 'Skipped', 'NotStarted']);
    const group = skipInRun(run, { stage: 'canary', group: 'g2' }, actor);
    expect(group?.members[2]?.status).toBe('Skipped');
    expect(group?.stages[0]?.groups.map((g) => g.status)).toEqual(['NotStarted', 'Skipped']);
    expect(() => skipInRun(run, { stage: 'canary', group: 'g1' }, actor)).toThrow(ConflictError);
    expect(() => skipInRun(run, { member: id('zzz') }, actor)).toThrow(NotFoundError);
    expect(() => skipInRun(run, { stage: 'prod' }, actor)).toThrow(NotFoundError);
    const skippedTwice = skipInRun(skipInRun(run, { member: id('b') }, actor)!, { member: id('b') }, actor);
    expect(skippedTwice).toBeUndefined();
  });

  it('approves only approval gates that are not decided, once, with who and when', () => {
    const approved = approveGate(runOf('Running'), 'canary.before.0', actor);
    expect(approved?.gates[0]).toMatchObject({ status: 'Approved', decidedBy: 'operator-1', decidedAt: actor.at });
    expect(approveGate(approved!, 'canary.before.0', actor)).toBeUndefined();
    expect(() => approveGate(runOf('Running'), 'canary.g1.after.0', actor)).toThrow(ConflictError);
    expect(() => approveGate(runOf('Running'), 'nope', actor)).toThrow(NotFoundError);
  });
});

describe('assignMembers', () => {
  const stages = [
    { name: 'canary', groups: [{ name: 'first', members: { clusterIds: [id('A')] } }] },
    { name: 'prod', groups: [{ name: 'eu', members: { tagSelector: { Region: 'eu' } } }, { name: 'rest' }] },
  ];

  it('first group that takes a member wins: ids (any case), every tag (names in any case), then a catch-all group', () => {
    const { placeOf, unassigned } = assignMembers(stages, [
      { clusterId: id('a'), tags: { region: 'eu' } },
      { clusterId: id('b'), tags: { region: 'eu' } },
      { clusterId: id('c'), tags: { region: 'us' } },
    ]);
    expect([...placeOf.values()]).toEqual([
      { stage: 'canary', group: 'first' },
      { stage: 'prod', group: 'eu' },
      { stage: 'prod', group: 'rest' },
    ]);
    expect(unassigned).toEqual([]);
  });

  it('reports a member no group takes', () => {
    expect(assignMembers([stages[0]!], [{ clusterId: id('z'), tags: {} }]).unassigned).toEqual([id('z')]);
  });
});
