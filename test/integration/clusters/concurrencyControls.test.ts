import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { ConflictError, PreconditionFailedError, UnprocessableError } from '../../../shared/domain/errors';
import type { ClusterDependencies } from '../../../shared/features/clusters/clusterDependencies';
import { getOperationStatus } from '../../../shared/features/operations/operationStatus';
import { patchCluster } from '../../../shared/features/clusters/patchCluster';
import { powerCluster } from '../../../shared/features/clusters/powerCluster';
import { putCluster } from '../../../shared/features/clusters/putCluster';
import { getCluster } from '../../../shared/features/clusters/readCluster';
import { startTestEmulator } from '../../emulator/harness';
import { address, clusterTestBed, fourPoolSpec, operationIdOf, recordingAuthorize, writeContext } from './clusterTestBed';

describe('If-Match and Idempotency-Key (Azurite + AKS emulator, real SDK)', () => {
  let emulator: RunningAksEmulator;
  let deps: ClusterDependencies;
  const read = { authorize: recordingAuthorize() };

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0 });
    deps = clusterTestBed(emulator);
    const created = await putCluster(deps, writeContext(), address('occ'), fourPoolSpec());
    emulator.advanceClock(3_600);
    await getOperationStatus(deps, read, operationIdOf(created));
  });
  afterAll(() => emulator?.close());

  it('refuses a PATCH with a stale If-Match (412) and accepts the current ETag', async () => {
    const { etag } = await getCluster(deps, read, address('occ'));
    emulator.resetCounters();
    await expect(
      patchCluster(deps, writeContext({ ifMatch: '"not-the-current-etag"' }), address('occ'), { tags: { costCenter: 'cc-1', env: 'x' } }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(emulator.counters()['managedClusters.createOrUpdate']).toBeUndefined();

    const accepted = await patchCluster(deps, writeContext({ ifMatch: `"${etag}"` }), address('occ'), { tags: { costCenter: 'cc-1', env: 'x' } });
    expect(accepted.status).toBe(202);
    emulator.advanceClock(3_600);
    expect((await getOperationStatus(deps, read, operationIdOf(accepted))).status).toBe('Succeeded');
    const after = await getCluster(deps, read, address('occ'));
    expect(after.etag).not.toBe(etag);
    expect(after.view.tags).toEqual({ costCenter: 'cc-1', env: 'x' });
    // The PATCH kept every other setting the user had set.
    expect(after.view.nodePools.find((pool) => pool.name === 'gpu')?.taints).toEqual(['sku=gpu:NoSchedule']);
    await expect(putCluster(deps, writeContext({ ifMatch: etag! }), address('occ'), fourPoolSpec())).rejects.toBeInstanceOf(PreconditionFailedError);
  });

  it('a PATCH dry run answers the merged settings without a PUT; an immutable change is reported at its path', async () => {
    emulator.resetCounters();
    const dryRun = await patchCluster(deps, writeContext({ dryRun: true }), address('occ'), { autoUpgrade: { channel: 'patch' } });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toMatchObject({
      valid: true,
      effectiveSettings: { autoUpgrade: { channel: 'patch', nodeOsChannel: 'NodeImage' }, network: { plugin: 'azureOverlay' } },
    });
    const moved = await patchCluster(deps, writeContext({ dryRun: true }), address('occ'), { location: 'westeurope' }).catch((error: unknown) => error);
    expect((moved as { issues: unknown[] }).issues).toEqual([expect.objectContaining({ path: 'location', code: 'PropertyChangeNotAllowed' })]);
    expect(emulator.counters()['managedClusters.createOrUpdate']).toBeUndefined();
  });

  it('If-Match on a cluster that does not exist is 412', async () => {
    await expect(putCluster(deps, writeContext({ ifMatch: '*' }), address('absent'), fourPoolSpec())).rejects.toBeInstanceOf(PreconditionFailedError);
  });

  it('replays the first response for the same Idempotency-Key and request, with one ARM PUT', async () => {
    emulator.resetCounters();
    const context = () => writeContext({ idempotencyKey: 'create-idem-1', requestHash: 'same-request' });
    const first = await putCluster(deps, context(), address('idem'), fourPoolSpec());
    const second = await putCluster(deps, context(), address('idem'), fourPoolSpec());
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    expect(second.headers['operation-location']).toBe(first.headers['operation-location']);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(emulator.counters()['managedClusters.createOrUpdate']).toBe(1);

    const reused = writeContext({ idempotencyKey: 'create-idem-1', requestHash: 'another-request' });
    await expect(putCluster(deps, reused, address('idem'), fourPoolSpec())).rejects.toBeInstanceOf(UnprocessableError);
    expect(emulator.counters()['managedClusters.createOrUpdate']).toBe(1);
  });

  it('a concurrent request with a key still in use is 409', async () => {
    emulator.injectFault({ kind: 'latency', operation: 'managedClusters.get', latencyMs: 400, remaining: 1 });
    const context = () => writeContext({ idempotencyKey: 'stop-idem-1', requestHash: 'stop-occ' });
    const slow = powerCluster(deps, context(), address('occ'), 'stop');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(powerCluster(deps, context(), address('occ'), 'stop')).rejects.toBeInstanceOf(ConflictError);
    expect((await slow).status).toBe(202);
    expect(emulator.counters()['managedClusters.stop']).toBe(1);
    emulator.clearFaults();
  });

  it('forgets a key whose request failed, so that the retry runs', async () => {
    emulator.injectFault({ kind: 'throttle', operation: 'managedClusters.get', retryAfterSeconds: 1, remaining: 1 });
    const context = () => writeContext({ idempotencyKey: 'retry-idem-1', requestHash: 'retry' });
    await expect(putCluster(deps, context(), address('retried'), fourPoolSpec())).rejects.toThrow();
    const retried = await putCluster(deps, context(), address('retried'), fourPoolSpec());
    expect(retried.status).toBe(202);
  });
});
