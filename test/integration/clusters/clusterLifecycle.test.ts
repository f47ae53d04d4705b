import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { ForbiddenError, NotFoundError } from '../../../shared/domain/errors';
import type { ClusterDependencies } from '../../../shared/features/clusters/clusterDependencies';
import { deleteCluster } from '../../../shared/features/clusters/deleteCluster';
import { getOperationStatus } from '../../../shared/features/operations/operationStatus';
import { powerCluster } from '../../../shared/features/clusters/powerCluster';
import { putCluster } from '../../../shared/features/clusters/putCluster';
import { getCluster, getUpgradeProfile } from '../../../shared/features/clusters/readCluster';
import { listKubernetesVersions } from '../../../shared/features/clusters/kubernetesVersions';
import { startTestEmulator, SUB } from '../../emulator/harness';
import {
  address,
  clusterTestBed,
  fourPoolSpec,
  operationIdOf,
  recordingAuthorize,
  WINDOWS_PASSWORD,
  writeContext,
} from './clusterTestBed';

const read = { authorize: recordingAuthorize() };
const mutatingCalls = (emulator: RunningAksEmulator) =>
  Object.entries(emulator.counters())
    .filter(([name]) => /createOrUpdate|delete|start|stop|updateTags/.test(name))
    .reduce((sum, [, count]) => sum + count, 0);

describe('cluster lifecycle use cases (Azurite + AKS emulator, real SDK)', () => {
  let emulator: RunningAksEmulator;
  let deps: ClusterDependencies;

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0 });
    deps = clusterTestBed(emulator);
  });
  afterAll(() => emulator?.close());

  it('creates a cluster with System, Windows, GPU and confidential pools: 202, then Succeeded, then the effective settings', async () => {
    const spec = fourPoolSpec();
    const accepted = await putCluster(deps, writeContext(), address('four'), spec);
    expect(accepted.status).toBe(202);
    expect(accepted.headers['operation-location']).toMatch(/^http:\/\/127\.0\.0\.1\/api\/operations\/[0-9a-f-]{36}$/);
    expect(Number(accepted.headers['retry-after'])).toBeGreaterThan(0);
    expect(accepted.body).toMatchObject({ kind: 'createCluster', status: 'InProgress' });
    expect(JSON.stringify(accepted)).not.toContain(WINDOWS_PASSWORD);

    const operationId = operationIdOf(accepted);
    expect((await getOperationStatus(deps, read, operationId)).status).toBe('InProgress');
    const stored = await deps.operationStore.get(operationId);
    expect(stored?.value.armPollerState).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain(WINDOWS_PASSWORD);
    emulator.advanceClock(3_600);
    const done = await getOperationStatus(deps, read, operationId);
    expect(done.status).toBe('Succeeded');

    const { view, etag } = await getCluster(deps, read, address('four'));
    expect(etag).toBeTruthy();
    expect(JSON.stringify(view)).not.toContain(WINDOWS_PASSWORD);
    expect(view).toMatchObject({
      location: 'eastus',
      tags: spec.tags,
      tier: 'Standard',
      kubernetesRbac: true,
      entraId: { azureRbac: true, adminGroupObjectIds: spec.entraId!.adminGroupObjectIds },
      network: { plugin: 'azureOverlay', policy: 'cilium', podCidr: '10.244.0.0/16', serviceCidr: '10.0.0.0/16' },
      autoUpgrade: { channel: 'stable', nodeOsChannel: 'NodeImage' },
      provisioningState: 'Succeeded',
    });
    expect(view.currentKubernetesVersion).toMatch(/^1\.36\.\d+$/);
    expect(view.addons).toContain('ACCSGXDevicePlugin');
    const pools = Object.fromEntries(view.nodePools.map((pool) => [pool.name, pool]));
    expect(pools.system).toMatchObject({ mode: 'System', vmSize: 'Standard_D4s_v5', count: 3, availabilityZones: ['1', '2', '3'], maxPods: 250 });
    expect(pools.win).toMatchObject({ osType: 'Windows', osSku: 'Windows2022', count: 2 });
    expect(pools.gpu).toMatchObject({
      vmSize: 'Standard_NC6s_v3',
      autoscaler: { minCount: 0, maxCount: 4 },
      spot: { evictionPolicy: 'Delete', maxPrice: -1 },
      labels: { workload: 'ml' },
      taints: ['sku=gpu:NoSchedule'],
    });
    expect(pools.conf).toMatchObject({ vmSize: 'Standard_DC4s_v3', upgradeSettings: { maxSurge: '33%', drainTimeoutMinutes: 45, soakMinutes: 5 } });
    expect(pools.system!.upgradeSettings).toEqual({ maxSurge: '10%', drainTimeoutMinutes: 30, soakMinutes: 0 });
  });

  it('checks access before ARM: a refused write sends nothing to the emulator', async () => {
    emulator.resetCounters();
    const authorize = recordingAuthorize(['clusters.update', 'clusters.create', 'clusters.delete', 'clusters.patch']);
    await expect(putCluster(deps, writeContext({ authorize }), address('denied'), fourPoolSpec())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteCluster(deps, writeContext({ authorize }), address('four'))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(powerCluster(deps, writeContext({ authorize }), address('four'), 'stop')).rejects.toBeInstanceOf(ForbiddenError);
    expect(emulator.counters()).toEqual({});
    expect(authorize.checks[0]).toBe(
      `clusters.update@/subscriptions/${SUB}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/managedClusters/denied`,
    );
  });

  it('needs create rights only for a new cluster: an Operator may replace, not create', async () => {
    emulator.resetCounters();
    const operator = recordingAuthorize(['clusters.create']);
    await expect(putCluster(deps, writeContext({ authorize: operator }), address('newone'), fourPoolSpec())).rejects.toBeInstanceOf(ForbiddenError);
    expect(mutatingCalls(emulator)).toBe(0);
    const replaced = await putCluster(deps, writeContext({ authorize: recordingAuthorize(['clusters.create']) }), address('four'), fourPoolSpec({ tags: { costCenter: 'cc-42', env: 'prod' } }));
    expect(replaced.body).toMatchObject({ kind: 'updateCluster' });
    emulator.advanceClock(3_600);
    expect((await getOperationStatus(deps, read, operationIdOf(replaced))).status).toBe('Succeeded');
    expect((await getCluster(deps, read, address('four'))).view.tags).toEqual({ costCenter: 'cc-42', env: 'prod' });
  });

  it('a cluster PUT changes existing pools in place: count, autoscaler range and labels, then the GET shows them', async () => {
    const [system, win, gpu, conf] = fourPoolSpec().nodePools;
    const changed = fourPoolSpec({
      nodePools: [{ ...system!, count: 4 }, win!, { ...gpu!, autoscaler: { minCount: 1, maxCount: 6 }, labels: { workload: 'training' } }, conf!],
    });
    const accepted = await putCluster(deps, writeContext(), address('four'), changed);
    expect(accepted.body).toMatchObject({ kind: 'updateCluster' });
    emulator.advanceClock(3_600);
    expect((await getOperationStatus(deps, read, operationIdOf(accepted))).status).toBe('Succeeded');
    const pools = (await getCluster(deps, read, address('four'))).view.nodePools;
    expect(pools.find((pool) => pool.name === 'system')).toMatchObject({ count: 4 });
    expect(pools.find((pool) => pool.name === 'gpu')).toMatchObject({ autoscaler: { minCount: 1, maxCount: 6 }, labels: { workload: 'training' } });
    expect(pools.find((pool) => pool.name === 'conf')).toMatchObject({ count: 2 });
  });

  it('stops and starts a cluster through operations', async () => {
    const stopped = await powerCluster(deps, writeContext(), address('four'), 'stop');
    expect(stopped.status).toBe(202);
    emulator.advanceClock(3_600);
    expect((await getOperationStatus(deps, read, operationIdOf(stopped))).status).toBe('Succeeded');
    expect((await getCluster(deps, read, address('four'))).view.powerState).toBe('Stopped');
    const started = await powerCluster(deps, writeContext(), address('four'), 'start');
    emulator.advanceClock(3_600);
    expect((await getOperationStatus(deps, read, operationIdOf(started))).status).toBe('Succeeded');
    expect((await getCluster(deps, read, address('four'))).view.powerState).toBe('Running');
  });

  it('answers the upgrade profile and the region\'s Kubernetes versions', async () => {
    const profile = await getUpgradeProfile(deps, read, address('four'));
    expect(profile.controlPlane.kubernetesVersion).toMatch(/^1\.36\./);
    expect(profile.controlPlane.upgrades.map((upgrade) => upgrade.version)).toContainEqual(expect.stringMatching(/^1\.37\./));
    expect(profile.nodePools.map((pool) => pool.name).sort()).toEqual(['conf', 'gpu', 'system', 'win']);
    const versions = await listKubernetesVersions(deps, read, SUB, 'eastus');
    expect(versions.values.find((minor) => minor.version === '1.38')?.isPreview).toBe(true);
    expect(versions.values.find((minor) => minor.isDefault)?.version).toBe('1.36');
  });

  it('deletes a cluster; afterwards reads are 404', async () => {
    const deleted = await deleteCluster(deps, writeContext(), address('four'));
    expect(deleted.body).toMatchObject({ kind: 'deleteCluster' });
    emulator.advanceClock(3_600);
    expect((await getOperationStatus(deps, read, operationIdOf(deleted))).status).toBe('Succeeded');
    await expect(getCluster(deps, read, address('four'))).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteCluster(deps, writeContext(), address('four'))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('checks operation access at the target cluster, and 404s unknown operations', async () => {
    const accepted = await putCluster(deps, writeContext(), address('opsaccess'), fourPoolSpec());
    const reader = recordingAuthorize(['clusters.get']);
    await expect(getOperationStatus(deps, { authorize: reader }, operationIdOf(accepted))).rejects.toBeInstanceOf(ForbiddenError);
    expect(reader.checks).toEqual([`clusters.get@${(accepted.body as { target: string }).target}`]);
    await expect(getOperationStatus(deps, read, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError);
  });
});
