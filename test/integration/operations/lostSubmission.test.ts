import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { ArmClients } from '../../../shared/platform/arm/armClients';
import { clusterFingerprint } from '../../../shared/platform/arm/resourceFingerprint';
import { ArmOperationRunner } from '../../../shared/features/operations/armOperationRunner';
import type { ExpectedOutcome } from '../../../shared/features/operations/expectedOutcome';
import { OperationStore } from '../../../shared/features/operations/operationStore';
import { fast, startTestEmulator, SUB } from '../../emulator/harness';
import { testSettings, testStorage, uniqueTablePrefix } from '../../support/storage';

const target = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/${name}`;
const clusterBody = {
  location: 'eastus',
  dnsPrefix: 'lost',
  kubernetesVersion: '1.35',
  agentPoolProfiles: [{ name: 'system', mode: 'System' as const, osType: 'Linux' as const, vmSize: 'Standard_D2s_v5', count: 2 }],
};
const MINUTE = 60_000;

/**
 * The host stops after recording the intent: before ARM is called, or after ARM took the change but before
 * its answer was recorded. Later checks must find the change in Azure and follow it, or close it as not
 * applied, and never send it again.
 */
describe('submissions whose ARM answer was lost (Azurite + AKS emulator, real SDK)', () => {
  let emulator: RunningAksEmulator;
  let store: OperationStore;
  let arm: ArmClients;
  const runnerAt = (offsetMs: number) => new ArmOperationRunner(store, arm, undefined, () => new Date(Date.now() + offsetMs));

  /** The record a host writes before calling ARM, as if it died right after. */
  async function recordedIntent(id: string, name: string, expectedOutcome: ExpectedOutcome) {
    const now = new Date().toISOString();
    await store.create({ id, kind: 'createCluster', target: target(name), status: 'Accepted', correlationId: id, createdAt: now, updatedAt: now, expectedOutcome });
  }

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0 });
    store = new OperationStore(testStorage().tableClient(`${uniqueTablePrefix()}ops`));
    arm = new ArmClients(testSettings({ FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl, FLEETPLANE_ARM_CREDENTIAL: 'emulator' }), { maxRetries: 0 });
  });
  afterAll(() => emulator?.close());

  it('adopts a change ARM took whose answer was never recorded, even past the grace period, and follows it to Succeeded', async () => {
    emulator.resetCounters();
    await recordedIntent('lost-after-arm', 'lost1', { kind: 'matches', fingerprint: clusterFingerprint(clusterBody) });
    await arm.containerService(SUB).managedClusters.createOrUpdate('rg1', 'lost1', clusterBody, fast).submitted();

    await runnerAt(10 * MINUTE).repair();
    expect((await store.get('lost-after-arm'))?.value).toMatchObject({ status: 'InProgress', adoptedAt: expect.any(String) });
    expect((await store.get('lost-after-arm'))?.value.error).toBeUndefined();

    emulator.advanceClock(3_600);
    const done = await runnerAt(11 * MINUTE).advance('lost-after-arm');
    expect(done).toMatchObject({ finishedNow: true, record: { status: 'Succeeded' } });
    expect(emulator.counters()['managedClusters.createOrUpdate']).toBe(1);
  });

  it('an adopted change that fails ends with the reason AKS gives (status.provisioningError), not a bare Failed', async () => {
    await arm.containerService(SUB).managedClusters.createOrUpdate('rg1', 'lost-fail', clusterBody, fast).submitted();
    emulator.advanceClock(3_600);
    const upgraded = { ...clusterBody, kubernetesVersion: '1.36' };
    await recordedIntent('lost-failing', 'lost-fail', { kind: 'matches', fingerprint: clusterFingerprint(upgraded) });
    emulator.injectUpgradeFailure(SUB, 'rg1', 'lost-fail', { message: 'Node failed to become ready after reimage (injected).' });
    await arm.containerService(SUB).managedClusters.createOrUpdate('rg1', 'lost-fail', upgraded, fast).submitted();

    await runnerAt(10 * MINUTE).repair();
    emulator.advanceClock(3_600);
    const done = await runnerAt(11 * MINUTE).advance('lost-failing');
    expect(done).toMatchObject({ finishedNow: true, record: { status: 'Failed', error: { code: 'UpgradeFailed', message: 'Node failed to become ready after reimage (injected).' } } });
  });

  it('closes a change ARM never received as not applied once the grace period is over, and sends nothing', async () => {
    emulator.resetCounters();
    await recordedIntent('lost-before-arm', 'lost2', { kind: 'matches', fingerprint: clusterFingerprint(clusterBody) });
    expect(await runnerAt(MINUTE).refresh('lost-before-arm')).toMatchObject({ status: 'Accepted' });
    expect(await runnerAt(10 * MINUTE).refresh('lost-before-arm')).toMatchObject({ status: 'Failed', error: { code: 'SubmissionInterrupted' } });
    expect(emulator.counters()['managedClusters.createOrUpdate'] ?? 0).toBe(0);
  });

  it('does not take another change to the same resource for its own', async () => {
    await recordedIntent('lost-other', 'lost3', { kind: 'matches', fingerprint: clusterFingerprint({ ...clusterBody, tags: { env: 'mine' } }) });
    await arm.containerService(SUB).managedClusters.createOrUpdate('rg1', 'lost3', { ...clusterBody, tags: { env: 'someone-else' } }, fast).submitted();
    expect(await runnerAt(MINUTE).refresh('lost-other')).toMatchObject({ status: 'Accepted' });
    expect(await runnerAt(10 * MINUTE).refresh('lost-other')).toMatchObject({ status: 'Failed', error: { code: 'SubmissionInterrupted' } });
  });

  it('adopts a delete ARM took: Deleting, then gone', async () => {
    await arm.containerService(SUB).managedClusters.createOrUpdate('rg1', 'lost4', clusterBody, fast).submitted();
    emulator.advanceClock(3_600);
    await recordedIntent('lost-delete', 'lost4', { kind: 'deleted' });
    await arm.containerService(SUB).managedClusters.delete('rg1', 'lost4', fast).submitted();
    expect(await runnerAt(MINUTE).refresh('lost-delete')).toMatchObject({ status: 'InProgress' });
    emulator.advanceClock(3_600);
    expect(await runnerAt(2 * MINUTE).refresh('lost-delete')).toMatchObject({ status: 'Succeeded' });
  });
});
