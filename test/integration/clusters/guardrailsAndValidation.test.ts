import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { DependencyRejectedError, DependencyUnavailableError, ForbiddenError, PreconditionFailedError, ValidationError } from '../../../shared/domain/errors';
import type { ClusterDependencies } from '../../../shared/features/clusters/clusterDependencies';
import { putCluster } from '../../../shared/features/clusters/putCluster';
import { getCluster } from '../../../shared/features/clusters/readCluster';
import { GuardrailsService } from '../../../shared/features/guardrails/guardrailsService';
import { startTestEmulator } from '../../emulator/harness';
import { address, clusterTestBed, fourPoolSpec, recordingAuthorize, writeContext } from './clusterTestBed';

async function validationErrorOf(pending: Promise<unknown>): Promise<ValidationError> {
  const error = await pending.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('guardrails, dry runs and ARM failures (Azurite + AKS emulator, real SDK)', () => {
  let emulator: RunningAksEmulator;
  let deps: ClusterDependencies;
  const admin = { authorize: recordingAuthorize() };

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0 });
    deps = clusterTestBed(emulator);
  });
  afterAll(() => emulator?.close());

  it('stores guardrails durably with ETag concurrency, editable only with guardrails.update', async () => {
    const guardrails = new GuardrailsService(deps.guardrails);
    expect(await guardrails.get(admin.authorize)).toEqual({ guardrails: {} });
    const first = await guardrails.put(admin.authorize, { allowedLocations: ['westeurope'] }, undefined);
    expect(first.etag).toBeTruthy();
    await expect(guardrails.put(admin.authorize, { allowWindows: false }, 'W/"stale"')).rejects.toBeInstanceOf(PreconditionFailedError);
    const denied = recordingAuthorize(['guardrails.update']);
    await expect(guardrails.put(denied, {}, first.etag)).rejects.toBeInstanceOf(ForbiddenError);
    expect(denied.checks).toEqual(['guardrails.update@tenant']);
    await guardrails.put(admin.authorize, {}, first.etag);
  });

  it('reports every broken guardrail in one error with field paths, and sends nothing to ARM', async () => {
    await deps.guardrails.put({ allowedLocations: ['westeurope'], requiredTags: ['owner'], allowedVmFamilies: ['general'], allowWindows: false });
    emulator.resetCounters();
    const error = await validationErrorOf(putCluster(deps, writeContext(), address('broken'), fourPoolSpec()));
    expect(error.issues.map((issue) => `${issue.code} ${issue.path}`).sort()).toEqual([
      'LocationNotAllowed location',
      'RequiredTagMissing tags.owner',
      'VmFamilyNotAllowed nodePools[2].vmSize',
      'VmFamilyNotAllowed nodePools[3].vmSize',
      'WindowsNotAllowed nodePools[1].osType',
    ]);
    expect(emulator.counters()['managedClusters.createOrUpdate']).toBeUndefined();
    await deps.guardrails.put({});
  });

  it('a cluster update keeps its pools: added and missing pools are violations, and nothing reaches ARM', async () => {
    const created = await putCluster(deps, writeContext(), address('poolset'), fourPoolSpec());
    expect(created.status).toBe(202);
    emulator.advanceClock(3_600);
    const [system, win, gpu] = fourPoolSpec().nodePools;
    const changed = fourPoolSpec({ nodePools: [system!, win!, gpu!, { name: 'extra', mode: 'User', vmSize: 'Standard_D4s_v5', count: 1 }] });
    emulator.resetCounters();
    const error = await validationErrorOf(putCluster(deps, writeContext(), address('poolset'), changed));
    expect(error.issues).toEqual([
      expect.objectContaining({ path: 'nodePools[3].name', code: 'AgentPoolAddedInClusterUpdate', message: expect.stringContaining('PUT …/nodePools/extra') }),
      expect.objectContaining({ path: 'nodePools', code: 'AgentPoolRemovedInClusterUpdate', message: expect.stringContaining('DELETE …/nodePools/conf') }),
    ]);
    expect(emulator.counters()['managedClusters.createOrUpdate']).toBeUndefined();
    const unchangedPools = await putCluster(deps, writeContext({ dryRun: true }), address('poolset'), fourPoolSpec({ tags: { costCenter: 'cc-42', env: 'prod' } }));
    expect(unchangedPools.status).toBe(200);
  });

  it('refuses a preview version unless the guardrails allow previews (the catalogue comes from ARM)', async () => {
    const error = await validationErrorOf(putCluster(deps, writeContext(), address('preview'), fourPoolSpec({ kubernetesVersion: '1.38' })));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'kubernetesVersion', code: 'PreviewVersionNotAllowed' })]);
    await deps.guardrails.put({ allowPreviewVersions: true });
    const dryRun = await putCluster(deps, writeContext({ dryRun: true }), address('preview'), fourPoolSpec({ kubernetesVersion: '1.38' }));
    expect(dryRun.status).toBe(200);
    await deps.guardrails.put({});
  });

  it('reports AKS rules checked locally together with guardrails', async () => {
    await deps.guardrails.put({ maxNodesPerPool: 2 });
    const spec = fourPoolSpec({ network: { plugin: 'kubenet' } });
    const error = await validationErrorOf(putCluster(deps, writeContext({ dryRun: true }), address('rules'), spec));
    expect(error.issues.map((issue) => `${issue.code} ${issue.path}`).sort()).toEqual([
      'AzureCNIOnlyForWindows nodePools[1].osType',
      'PoolNodeLimitExceeded nodePools[0].count',
      'PoolNodeLimitExceeded nodePools[2].autoscaler.maxCount',
    ]);
    await deps.guardrails.put({});
  });

  it('a dry run answers the effective settings and creates nothing', async () => {
    emulator.resetCounters();
    const response = await putCluster(deps, writeContext({ dryRun: true }), address('dry'), fourPoolSpec());
    expect(response.status).toBe(200);
    const body = response.body as { valid: boolean; effectiveSettings: { nodePools: { name: string; maxPods?: number }[]; addons: string[] } };
    expect(body.valid).toBe(true);
    expect(body.effectiveSettings.nodePools.map((pool) => pool.name)).toEqual(['system', 'win', 'gpu', 'conf']);
    expect(body.effectiveSettings.nodePools[0]!.maxPods).toBe(250);
    expect(body.effectiveSettings.addons).toContain('ACCSGXDevicePlugin');
    expect(emulator.counters()['managedClusters.createOrUpdate']).toBeUndefined();
    await expect(getCluster(deps, admin, address('dry'))).rejects.toThrow(/not found|ResourceNotFound|was not found/i);
  });

  it('without configured Windows credentials a Windows pool is a violation at its path', async () => {
    const noCredentials = clusterTestBed(emulator, { windowsCredentials: false });
    const error = await validationErrorOf(putCluster(noCredentials, writeContext({ dryRun: true }), address('nocreds'), fourPoolSpec()));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'nodePools[1].osType', code: 'WindowsCredentialsNotConfigured' })]);
  });

  it('keeps AKS\'s code and message when ARM rejects the cluster', async () => {
    // A size the region does not offer no longer reaches ARM (the preflight refuses it), so ARM's refusal is injected.
    emulator.injectFault({ kind: 'error', operation: 'managedClusters.createOrUpdate', status: 400, code: 'SubnetIsFull', message: 'The subnet has no free addresses.', remaining: 1 });
    const error = await putCluster(deps, writeContext(), address('badsize'), fourPoolSpec()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DependencyRejectedError);
    expect(error).toMatchObject({ status: 400, code: 'SubnetIsFull', message: 'The subnet has no free addresses.' });
  });

  it('turns ARM throttling into a retryable 503 with Retry-After', async () => {
    emulator.injectFault({ kind: 'throttle', operation: 'managedClusters.get', retryAfterSeconds: 7, remaining: 1 });
    const error = await getCluster(deps, admin, address('throttled')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect((error as DependencyUnavailableError).retryAfterSeconds).toBe(7);
    emulator.injectFault({ kind: 'error', operation: 'managedClusters.createOrUpdate', status: 500, remaining: 1 });
    await expect(putCluster(deps, writeContext(), address('servererror'), fourPoolSpec())).rejects.toBeInstanceOf(DependencyUnavailableError);
    emulator.clearFaults();
  });
});
