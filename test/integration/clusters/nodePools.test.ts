import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { DependencyRejectedError, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '../../../shared/domain/errors';
import type { ClusterDependencies } from '../../../shared/features/clusters/clusterDependencies';
import { deleteNodePool } from '../../../shared/features/clusters/deleteNodePool';
import { getOperationStatus } from '../../../shared/features/operations/operationStatus';
import { patchNodePool } from '../../../shared/features/clusters/patchNodePool';
import { putCluster } from '../../../shared/features/clusters/putCluster';
import { putNodePool } from '../../../shared/features/clusters/putNodePool';
import { getNodePool, listNodePools } from '../../../shared/features/clusters/readNodePools';
import type { ApiResponse } from '../../../shared/platform/http/requestContext';
import { startTestEmulator } from '../../emulator/harness';
import { address, clusterTestBed, fourPoolSpec, operationIdOf, recordingAuthorize, writeContext } from './clusterTestBed';

describe('node pool use cases (Azurite + AKS emulator, real SDK)', () => {
  let emulator: RunningAksEmulator;
  let deps: ClusterDependencies;
  const read = { authorize: recordingAuthorize() };
  const pool = (nodePoolName: string) => ({ ...address('pools'), nodePoolName });
  const finish = async (accepted: ApiResponse) => {
    emulator.advanceClock(3_600);
    return getOperationStatus(deps, read, operationIdOf(accepted));
  };

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0 });
    deps = clusterTestBed(emulator);
    await finish(await putCluster(deps, writeContext(), address('pools'), fourPoolSpec()));
  });
  afterAll(() => emulator?.close());

  it('adds a pool (create rights needed), then lists and reads it with its ETag', async () => {
    const operator = recordingAuthorize(['clusters/nodepools.create']);
    await expect(putNodePool(deps, writeContext({ authorize: operator }), pool('batch'), { vmSize: 'Standard_D2s_v5', count: 2 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const accepted = await putNodePool(deps, writeContext(), pool('batch'), { vmSize: 'Standard_D2s_v5', count: 2, labels: { tier: 'batch' } });
    expect(accepted.body).toMatchObject({ kind: 'createNodePool', target: expect.stringMatching(/\/agentPools\/batch$/) });
    expect((await finish(accepted)).status).toBe('Succeeded');
    const names = (await listNodePools(deps, read, address('pools'))).map((candidate) => candidate.name);
    expect(names).toEqual(expect.arrayContaining(['system', 'win', 'gpu', 'conf', 'batch']));
    const { view, etag } = await getNodePool(deps, read, pool('batch'));
    expect(view).toMatchObject({ name: 'batch', mode: 'User', count: 2, labels: { tier: 'batch' }, maxPods: 250 });
    expect(etag).toBeTruthy();
  });

  it('patches a pool with If-Match; a stale ETag is 412 and an immutable change is reported at its path', async () => {
    const { etag } = await getNodePool(deps, read, pool('batch'));
    await expect(patchNodePool(deps, writeContext({ ifMatch: 'stale' }), pool('batch'), { count: 3 })).rejects.toBeInstanceOf(PreconditionFailedError);
    const immutable = await patchNodePool(deps, writeContext(), pool('batch'), { vmSize: 'Standard_D4s_v5' }).catch((error: unknown) => error);
    expect(immutable).toBeInstanceOf(ValidationError);
    expect((immutable as ValidationError).issues).toEqual([expect.objectContaining({ path: 'vmSize', code: 'PropertyChangeNotAllowed' })]);
    const accepted = await patchNodePool(deps, writeContext({ ifMatch: etag! }), pool('batch'), { count: 3 });
    expect((await finish(accepted)).status).toBe('Succeeded');
    expect((await getNodePool(deps, read, pool('batch'))).view).toMatchObject({ count: 3, labels: { tier: 'batch' } });
  });

  it('applies pool guardrails including the cluster-wide node limit', async () => {
    await deps.guardrails.put({ maxNodesPerCluster: 12, allowedVmFamilies: ['general'] });
    const error = await putNodePool(deps, writeContext({ dryRun: true }), pool('more'), { vmSize: 'Standard_NC6s_v3', count: 2 }).catch((caught: unknown) => caught);
    expect((error as ValidationError).issues.map((issue) => `${issue.code} ${issue.path}`).sort()).toEqual([
      'ClusterNodeLimitExceeded count',
      'VmFamilyNotAllowed vmSize',
    ]);
    await deps.guardrails.put({});
    const dryRun = await putNodePool(deps, writeContext({ dryRun: true }), pool('more'), { vmSize: 'Standard_D2s_v5' });
    expect(dryRun).toMatchObject({ status: 200, body: { valid: true, effectiveSettings: { name: 'more', count: 1, osType: 'Linux' } } });
  });

  it('deletes a pool; AKS refuses to delete the last System pool and its code is kept', async () => {
    expect((await finish(await deleteNodePool(deps, writeContext(), pool('batch')))).status).toBe('Succeeded');
    await expect(getNodePool(deps, read, pool('batch'))).rejects.toBeInstanceOf(NotFoundError);
    const refused = await deleteNodePool(deps, writeContext(), pool('system')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DependencyRejectedError);
    expect(refused).toMatchObject({ code: 'OperationNotAllowed' });
  });
});
