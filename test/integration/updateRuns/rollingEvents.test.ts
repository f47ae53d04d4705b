import { describe, expect, it } from 'vitest';
import { UpdateRunStore, type UpdateRun } from '../../../shared/features/updateRuns';
import { buildRunEngine } from '../../../shared/features/updateRuns/runEngine';
import type { RunEngineDependencies } from '../../../shared/features/updateRuns/runEngineDependencies';
import { testStorage, uniqueTablePrefix } from '../../support/storage';

const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1';
const AT = '2026-12-07T10:00:00Z';

function runningRun(): UpdateRun {
  return {
    id: `ur-rolling-${Math.random().toString(16).slice(2, 10)}`,
    request: { upgradeType: 'Full', kubernetesVersion: '1.36', nodeImageSelection: 'Latest', members: { clusterIds: [CLUSTER] } },
    status: 'Running',
    createdAt: AT,
    createdBy: '0e000000-0000-4000-8000-000000000001',
    stages: [{ name: 's', status: 'Running', maxConcurrency: 1, afterStageWaitInSeconds: 0, groups: [{ name: 'g', status: 'Running', maxConcurrency: 1, maxAllowedFailures: 0, failureCount: 0 }] }],
    gates: [],
    members: [
      {
        clusterId: CLUSTER,
        name: 'c1',
        stage: 's',
        group: 'g',
        status: 'Running',
        steps: [{ controlPlane: '1.36.1', nodePools: { system: '1.36.1', user: '1.36.1' }, status: 'Running', operationId: 'op1', startedAt: AT }],
        currentStep: 0,
        failures: [],
        problems: [],
      },
    ],
    events: [],
    eventsDropped: 0,
  };
}

/**
 * AKS's NodePoolRolling events reach the engine in any order and at once (Event Grid retries, two hosts): the member's
 * `rolling` ends as the newest event says, over Azurite's conditional writes.
 */
describe('NodePoolRolling events on an update-run member (Azurite)', () => {
  const setUp = async () => {
    const store = new UpdateRunStore(testStorage().tableClient(`${uniqueTablePrefix()}updateruns`));
    const run = (await store.create(runningRun())).value;
    const engine = buildRunEngine({ store, kickRun: () => Promise.resolve() } as unknown as RunEngineDependencies);
    const rollingOf = async () => (await store.require(run.id)).value.members[0]?.rolling;
    const event = (nodePool: string, status: 'Started' | 'Succeeded', time: string, n: number) => engine.onNodePoolRollingEvent({ clusterResourceId: CLUSTER, nodePool, status, time, eventId: `e${n}` });
    return { rollingOf, event };
  };

  it('a Started and its Succeeded handled at the same moment end Done, whatever the precision of their times', async () => {
    const { rollingOf, event } = await setUp();
    await Promise.all([event('system', 'Succeeded', '2026-12-07T10:05:00.000Z', 1), event('system', 'Started', '2026-12-07T10:05:00Z', 2)]);
    expect(await rollingOf()).toMatchObject({ pool: 'system', drain: 'Done' });
    await event('system', 'Started', '2026-12-07T10:05:00Z', 3);
    expect(await rollingOf()).toMatchObject({ pool: 'system', drain: 'Done' });
  });

  it('a late Succeeded of the previous pool does not undo the next pool\'s Started', async () => {
    const { rollingOf, event } = await setUp();
    await event('user', 'Started', '2026-12-07T10:09:00Z', 1);
    await event('system', 'Succeeded', '2026-12-07T10:08:59Z', 2);
    expect(await rollingOf()).toMatchObject({ pool: 'user', drain: 'Draining' });
  });
});
