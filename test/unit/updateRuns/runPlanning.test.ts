import { describe, expect, it } from 'vitest';
import { planRun } from '../../../shared/features/updateRuns/runPlanning';
import type { MemberRead } from '../../../shared/features/updateRuns/memberFactsReader';
import type { CreateUpdateRunRequest } from '../../../shared/features/updateRuns';
import { factsOf, NOW } from './memberFactsExamples';

const id = (name: string) => `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`;
const windowOn = (day: string, startTime: string) => ({ schedule: { weekly: { intervalWeeks: 1, dayOfWeek: day } }, durationHours: 4, startTime, utcOffset: '+00:00' });

function read(name: string, tags: Record<string, string>, maintenanceWindow: unknown = null): MemberRead {
  return { facts: factsOf({ clusterId: id(name), name, maintenanceWindow: { checked: true, value: maintenanceWindow } }), tags };
}

const request: CreateUpdateRunRequest = {
  upgradeType: 'Full',
  kubernetesVersion: '1.34',
  nodeImageSelection: 'Latest',
  members: { tagSelector: { fleet: 'x' } },
  strategy: {
    rollbackOnFailedHealthGate: true,
    stages: [
      {
        name: 'canary',
        afterStageWaitInSeconds: 600,
        beforeGates: [{ type: 'Approval' }],
        afterGates: [],
        groups: [{ name: 'one', members: { tagSelector: { ring: 'canary' } }, beforeGates: [], afterGates: [{ type: 'Health', worstStatus: 'Healthy', conditions: [], window: 'PT15M', soakSeconds: 300 }] }],
      },
      { name: 'main', maxConcurrency: 1, afterStageWaitInSeconds: 0, beforeGates: [], afterGates: [], groups: [{ name: 'rest', maxConcurrency: '50%', maxAllowedFailures: '25%', beforeGates: [], afterGates: [] }] },
    ],
  },
};

describe('planRun', () => {
  // NOW is Sunday 2026-12-06 12:00 UTC.
  const members = [
    read('closed', { ring: 'main' }, windowOn('Wednesday', '02:00')),
    read('no-window', { ring: 'main' }),
    read('open-now', { ring: 'main' }, windowOn('Sunday', '10:00')),
    read('soon', { ring: 'main' }, windowOn('Sunday', '14:00')),
    read('canary-1', { ring: 'canary' }),
  ];
  const run = planRun({ id: 'ur-1', request, createdBy: 'me', createdAt: NOW, now: NOW, members });

  it('places members by group, ordered by window: open now, opening within 4 hours, no window, closed', () => {
    expect(run.members.map((member) => [member.stage, member.group, member.name])).toEqual([
      ['canary', 'one', 'canary-1'],
      ['main', 'rest', 'open-now'],
      ['main', 'rest', 'soon'],
      ['main', 'rest', 'no-window'],
      ['main', 'rest', 'closed'],
    ]);
    expect(run.members.find((member) => member.name === 'closed')?.window).toEqual({ hasWindow: true, open: false, opensAt: '2026-12-09T02:00:00Z', closesAt: '2026-12-09T06:00:00Z' });
  });

  it('resolves the strategy’s counts and percentages with Fleet’s rules, and lays the gates out with their ids', () => {
    expect(run.stages.map((stage) => [stage.name, stage.maxConcurrency, stage.groups.map((group) => [group.name, group.maxConcurrency, group.maxAllowedFailures])])).toEqual([
      ['canary', 50, [['one', 1, 0]]], // a stage's default is 50 groups at once
      ['main', 1, [['rest', 2, 1]]],
    ]);
    expect(run.gates.map((gate) => [gate.id, gate.definition.type, gate.status])).toEqual([
      ['canary.before.0', 'Approval', 'Pending'],
      ['canary.one.after.0', 'Health', 'Pending'],
    ]);
  });

  it('plans each member’s steps from its versions, and estimates the run with its waits and windows', () => {
    for (const member of run.members) {
      // Each step keeps its own estimate (the ETA adds up the steps left): the control plane, then the pool's roll.
      expect(member.steps).toEqual([{ controlPlane: '1.34.3', nodePools: { system: '1.34.3' }, status: 'Pending', estimatedSeconds: 1140 }]);
      expect(member.estimatedMinutes).toBe(19);
      expect(member.from).toEqual({ controlPlane: '1.33.5', nodePools: { system: '1.33.5' } });
    }
    const memberMinutes = (480 + 90 + 3 * 180 + 30) / 60;
    expect(run.members[0]?.estimatedMinutes).toBe(memberMinutes);
    // Canary: one member, a 5-minute soak, a 10-minute wait. Main: two at a time, and "closed" waits for Wednesday.
    expect(run.estimate?.perStage[0]).toEqual({ stage: 'canary', minutes: memberMinutes + 5 + 10 });
    expect(run.estimate?.lowerBoundMinutes).toBe(memberMinutes + 5 + 10 + 2 * memberMinutes);
    expect(run.estimate?.makespanMinutes).toBeGreaterThan(60 * 24 * 2);
    expect(run.estimate?.assumptions).toContain('Approval gates are counted as approved at once.');
  });

  it('records who planned it, and a member no group takes is blocked, not dropped', () => {
    expect(run.events).toEqual([expect.objectContaining({ kind: 'Created', by: 'me' })]);
    const onlyCanary = { ...request, strategy: { ...request.strategy!, stages: [request.strategy!.stages[0]!] } };
    const partial = planRun({ id: 'ur-2', request: onlyCanary, createdBy: 'me', createdAt: NOW, now: NOW, members });
    const stray = partial.members.find((member) => member.name === 'closed');
    expect(stray).toMatchObject({ stage: '', group: '' });
    expect(stray?.problems[0]).toMatchObject({ severity: 'Blocking', code: 'MEMBER_NOT_IN_ANY_GROUP' });
  });
});

describe('planRun with Consistent node images', () => {
  const UBUNTU = 'AKSUbuntu-2204gen2containerd';
  const offered = (name: string, location: string, latest: string): MemberRead => ({
    facts: factsOf({
      clusterId: id(name),
      name,
      location,
      pools: [{ ...factsOf().pools[0]!, latestNodeImageVersion: { checked: true, value: `${UBUNTU}-${latest}` }, nodeImageVersion: `${UBUNTU}-202610.18.0` }],
    }),
    tags: {},
  });
  const nodeImages = (selection: 'Latest' | 'Consistent') =>
    planRun({
      id: 'ur-2',
      request: { upgradeType: 'NodeImageOnly', nodeImageSelection: selection, members: { clusterIds: [id('west'), id('east')] } },
      createdBy: 'me',
      createdAt: NOW,
      now: NOW,
      members: [offered('west', 'westeurope', '202612.08.0'), offered('east', 'eastus', '202612.01.0')],
    });

  it('selects the oldest of the latest images; the member offered only a newer one is blocked, the other goes exactly there', () => {
    const run = nodeImages('Consistent');
    expect(run.selectedNodeImageVersions).toEqual({ [UBUNTU]: `${UBUNTU}-202612.01.0` });
    const [west, east] = ['west', 'east'].map((name) => run.members.find((member) => member.name === name)!);
    expect(west!.steps).toEqual([]);
    expect(west!.problems).toContainEqual(expect.objectContaining({ code: 'NODE_IMAGE_NOT_CONSISTENT', severity: 'Blocking' }));
    expect(east!.steps).toEqual([{ nodeImage: true, exactNodeImage: true, nodePools: { system: `${UBUNTU}-202612.01.0` }, status: 'Pending', estimatedSeconds: 660 }]);
  });

  it('Latest: each member to its own region\'s newest image, nothing selected run-wide', () => {
    const run = nodeImages('Latest');
    expect(run.selectedNodeImageVersions).toBeUndefined();
    expect(run.members.map((member) => member.steps.map((step) => step.nodePools))).toEqual([[{ system: `${UBUNTU}-202612.08.0` }], [{ system: `${UBUNTU}-202612.01.0` }]]);
  });
});
