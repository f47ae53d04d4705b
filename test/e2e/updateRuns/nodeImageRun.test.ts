import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { basicCluster, clusterPath, raw, SUB, withApi } from '../../emulator/harness';
import { UpdateRunStack, waitFor, type Answer } from './updateRunStack';

const RG = 'rg-node-images';
const UBUNTU = 'AKSUbuntu-2204gen2containerd';
const idOf = (name: string) => `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const TWO_POOLS = [
  { name: 'system', mode: 'System', osType: 'Linux', vmSize: 'Standard_D2s_v5', count: 2 },
  { name: 'user', mode: 'User', osType: 'Linux', vmSize: 'Standard_D2s_v5', count: 1 },
];

/**
 * NodeImageOnly runs through the local host: Fleet Manager's Consistent selection (the oldest of the latest images
 * the members' regions offer) with a region ahead of the others, and a two-pool member upgraded pool by pool.
 */
describe('node-image update runs (local host, emulator with regions at different images)', () => {
  const stack = new UpdateRunStack();
  let emulator: RunningAksEmulator;
  const request = { upgradeType: 'NodeImageOnly', nodeImageSelection: 'Consistent', members: { clusterIds: [idOf('east'), idOf('west')] } };
  /** GETs the run until its preflight (queued system work) is no longer pending. */
  const preflighted = (runId: string): Promise<Answer> =>
    waitFor(() => stack.call('GET', `updateRuns/${runId}`), (answer) => answer.body?.preflight?.status !== 'Pending', 60_000, `preflight of ${runId}`, (answer) => answer.body?.preflight);
  const member = (answer: Answer, name: string) => (answer.body.members as { name: string; status: string; steps: any[]; problems: any[] }[]).find((m) => m.name === name)!;

  beforeAll(async () => {
    await stack.start({ speed: 240, clockStart: Date.parse('2026-12-07T06:00:00Z') }, async (emu) => {
      const east = basicCluster({ dnsPrefix: 'east', agentPoolProfiles: TWO_POOLS, autoUpgradeProfile: { upgradeChannel: 'none' } });
      const west = { ...basicCluster({ dnsPrefix: 'west', autoUpgradeProfile: { upgradeChannel: 'none' } }), location: 'westus' };
      expect((await raw(emu, 'PUT', withApi(clusterPath(RG, 'east')), east)).status).toBeLessThan(300);
      expect((await raw(emu, 'PUT', withApi(clusterPath(RG, 'west')), west)).status).toBe(201);
      emu.advanceClock(30 * 60);
      // A new image everywhere, and westus already a week ahead of it.
      emu.publishNodeImage('202612.05.0', UBUNTU);
      emu.publishNodeImage('202612.12.0', UBUNTU, 'westus');
    });
    emulator = stack.emulator;
  }, 120_000);

  afterAll(() => stack.stop());

  it('a Consistent dry run selects the image every member is offered; the member offered only a newer one is blocked', async () => {
    const accepted = await stack.call('POST', 'updateRuns?dryRun=true', request);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    const dry = await preflighted(accepted.body.id);
    expect(dry.body.selectedNodeImageVersions).toEqual({ [UBUNTU]: `${UBUNTU}-202612.05.0` });
    expect(member(dry, 'west').problems).toContainEqual(expect.objectContaining({ code: 'NODE_IMAGE_NOT_CONSISTENT', severity: 'Blocking' }));
    expect(member(dry, 'east').steps).toEqual([
      expect.objectContaining({ nodeImage: true, exactNodeImage: true, nodePools: { system: `${UBUNTU}-202612.05.0` } }),
      expect.objectContaining({ nodeImage: true, exactNodeImage: true, nodePools: { user: `${UBUNTU}-202612.05.0` } }),
    ]);
  });

  it('with the blocked member skipped, every pool of the other ends on exactly the selected image, one operation per pool', async () => {
    const created = await stack.call('POST', 'updateRuns', request);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const runId = created.body.id as string;
    await preflighted(runId);
    expect((await stack.call('POST', `updateRuns/${runId}/skip`, { member: idOf('west') })).status).toBe(200);
    emulator.resetCounters();
    const started = await stack.call('POST', `updateRuns/${runId}/start`);
    expect(started.status, JSON.stringify(started.body)).toBe(202);

    const done = await waitFor(() => stack.call('GET', `updateRuns/${runId}`), (a) => a.body.status === 'Completed' || a.body.status === 'Failed', 90_000, 'run finished', (a) => a.body.members);
    expect(done.body.status).toBe('Completed');
    expect(member(done, 'east')).toMatchObject({ status: 'Succeeded', steps: [{ status: 'Succeeded' }, { status: 'Succeeded' }] });
    expect(member(done, 'west').status).toBe('Skipped');
    expect(emulator.counters()['agentPools.upgradeNodeImageVersion']).toBe(2);
    for (const pool of ['system', 'user']) {
      const read = await raw(emulator, 'GET', withApi(`${clusterPath(RG, 'east')}/agentPools/${pool}`));
      expect(read.body.properties.nodeImageVersion).toBe(`${UBUNTU}-202612.05.0`);
    }
    const west = await raw(emulator, 'GET', withApi(`${clusterPath(RG, 'west')}/agentPools/system`));
    expect(west.body.properties.nodeImageVersion).not.toBe(`${UBUNTU}-202612.12.0`);
  }, 120_000);
});
