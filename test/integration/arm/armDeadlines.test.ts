import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { DependencyUnavailableError } from '../../../shared/domain/errors';
import { callArm, findManagedCluster } from '../../../shared/platform/arm/armCalls';
import { ArmClients, type ArmClientOptions } from '../../../shared/platform/arm/armClients';
import { withArmDeadline } from '../../../shared/platform/arm/armDeadline';
import { basicCluster, fast, startTestEmulator, SUB } from '../../emulator/harness';
import { testSettings } from '../../support/storage';

const address = { subscriptionId: SUB, resourceGroup: 'rg-deadline', clusterName: 'c1' };

/** Runs `work` and says how long it took and what it threw. */
async function timed(work: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  try {
    await work();
    return { ms: Date.now() - started, error: undefined };
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
}

describe('ARM deadlines (real SDK pipeline against the AKS emulator)', () => {
  let emulator: RunningAksEmulator;
  const arm = (deadlines: Record<string, string> = {}, options: ArmClientOptions = {}) =>
    new ArmClients(
      testSettings({ FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl, FLEETPLANE_MODE: 'local', FLEETPLANE_ARM_CREDENTIAL: 'emulator', ...deadlines }),
      options,
    ).containerService(SUB);

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0 });
    const client = arm();
    await client.managedClusters.createOrUpdate('rg-deadline', 'c1', { location: 'eastus', ...basicCluster().properties }, fast).submitted();
    emulator.advanceClock(3_600);
  });
  afterEach(() => emulator.clearFaults());
  afterAll(() => emulator?.close());

  it('answers a 429 whose Retry-After (3600 s) ends past the deadline at once, as 503 with that Retry-After, and does not retry', async () => {
    emulator.resetCounters();
    emulator.injectFault({ kind: 'throttle', operation: 'managedClusters.get', retryAfterSeconds: 3600, remaining: 1 });
    const { ms, error } = await timed(() => findManagedCluster(arm(), address));
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(error).toMatchObject({ retryAfterSeconds: 3600, message: expect.stringContaining('429 (TooManyRequests)') });
    expect(ms).toBeLessThan(1_000);
    expect(emulator.counters()['managedClusters.get']).toBe(1);
  });

  it('still honours a Retry-After that fits inside the deadline (the SDK waits, then the retry succeeds)', async () => {
    emulator.resetCounters();
    emulator.injectFault({ kind: 'throttle', operation: 'managedClusters.get', retryAfterSeconds: 1, remaining: 1 });
    const { ms, error } = await timed(() => findManagedCluster(arm({ FLEETPLANE_ARM_CALL_DEADLINE_MS: '5000' }), address));
    expect(error).toBeUndefined();
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(emulator.counters()['managedClusters.get']).toBe(2);
  });

  it('cuts a hung read at the call deadline with 503 + Retry-After', async () => {
    emulator.injectFault({ kind: 'hang', operation: 'managedClusters.get' });
    const { ms, error } = await timed(() => findManagedCluster(arm({ FLEETPLANE_ARM_CALL_DEADLINE_MS: '600', FLEETPLANE_ARM_TRY_TIMEOUT_MS: '10000' }), address));
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(error).toMatchObject({ retryAfterSeconds: 10, message: expect.stringContaining('did not answer in time') });
    expect(ms).toBeGreaterThanOrEqual(550);
    expect(ms).toBeLessThan(2_000);
  });

  it('retries a read whose try timed out, within the call deadline', async () => {
    emulator.resetCounters();
    emulator.injectFault({ kind: 'hang', operation: 'managedClusters.get', remaining: 1 });
    const client = arm({ FLEETPLANE_ARM_CALL_DEADLINE_MS: '10000', FLEETPLANE_ARM_TRY_TIMEOUT_MS: '300' });
    const { ms, error } = await timed(() => findManagedCluster(client, address));
    expect(error).toBeUndefined();
    expect(emulator.counters()['managedClusters.get']).toBe(2);
    expect(ms).toBeLessThan(5_000);
  });

  it('never re-sends a write whose try timed out: ARM may have taken it', async () => {
    emulator.resetCounters();
    emulator.injectFault({ kind: 'slowResponse', operation: 'managedClusters.createOrUpdate', latencyMs: 2_000, remaining: 1 });
    const client = arm({ FLEETPLANE_ARM_CALL_DEADLINE_MS: '10000', FLEETPLANE_ARM_TRY_TIMEOUT_MS: '300' });
    const body = { location: 'eastus', ...basicCluster({}, { count: 3 }).properties };
    const { error } = await timed(() => callArm(() => client.managedClusters.createOrUpdate('rg-deadline', 'c1', body, fast).submitted(), 'c1'));
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(emulator.counters()['managedClusters.createOrUpdate']).toBe(1);
    expect(emulator.appliedWrites()['managedClusters.createOrUpdate']).toBe(1);
  });

  it("bounds every call of an invocation by the invocation's deadline, however long each call's own budget", async () => {
    emulator.injectFault({ kind: 'latency', operation: 'managedClusters.get', latencyMs: 3_000 });
    const client = arm({ FLEETPLANE_ARM_CALL_DEADLINE_MS: '60000', FLEETPLANE_ARM_TRY_TIMEOUT_MS: '60000' });
    const { ms, error } = await timed(() => withArmDeadline(Date.now() + 400, () => findManagedCluster(client, address)));
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(ms).toBeLessThan(1_500);
    const spent = await timed(() => withArmDeadline(Date.now() - 1, () => findManagedCluster(client, address)));
    expect(spent.error).toBeInstanceOf(DependencyUnavailableError);
    expect(spent.ms).toBeLessThan(100);
  });
});
