import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { DependencyUnavailableError } from '../../../shared/domain/errors';
import { findRegionVmSku, findVcpuQuota } from '../../../shared/domain/fleet/regionCapacity';
import { RegionCapacities } from '../../../shared/features/clusters/regionCapacities';
import { ArmClients } from '../../../shared/platform/arm/armClients';
import { startTestEmulator, SUB } from '../../emulator/harness';
import { testSettings } from '../../support/storage';

describe('region capacity through the real ComputeManagementClient against the emulator', () => {
  let emulator: RunningAksEmulator;
  let arm: ArmClients;

  beforeAll(async () => {
    emulator = await startTestEmulator({ demoFleet: false, defaultVcpuQuota: 100 });
    arm = new ArmClients(testSettings({ FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl, FLEETPLANE_MODE: 'local', FLEETPLANE_ARM_CREDENTIAL: 'emulator' }), { maxRetries: 0 });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('reads the region\'s VM sizes with zones and restrictions, and the vCPU quotas with their usage', async () => {
    emulator.setQuota({ subscriptionId: SUB, location: 'eastus', family: 'standardDSv5Family', limit: 12 });
    const capacity = await new RegionCapacities((subscription) => arm.compute(subscription)).get(SUB, 'EastUS');
    expect(capacity.location).toBe('eastus');
    expect(findRegionVmSku(capacity, 'Standard_D4s_v5')).toEqual({
      name: 'Standard_D4s_v5', family: 'standardDSv5Family', vCpus: 4, zones: ['1', '2', '3'], restrictedZones: [],
    });
    expect(findRegionVmSku(capacity, 'Standard_NC24ads_A100_v4')?.restrictedZones).toEqual(['3']);
    expect(findRegionVmSku(capacity, 'Standard_Nope_v9')).toBeUndefined();
    expect(findVcpuQuota(capacity, 'standardDSv5Family')).toEqual({ name: 'standardDSv5Family', currentValue: 0, limit: 12 });
    expect(findVcpuQuota(capacity, 'cores')).toEqual({ name: 'cores', currentValue: 0, limit: 400 });

    const westeurope = await new RegionCapacities((subscription) => arm.compute(subscription)).get(SUB, 'westeurope');
    expect(findRegionVmSku(westeurope, 'Standard_ND96asr_v4')?.locationRestriction).toBe('NotAvailableForSubscription');
  });

  it('asks Compute once per subscription and region within the TTL, again after it', async () => {
    let now = 0;
    const capacities = new RegionCapacities((subscription) => arm.compute(subscription), () => now);
    emulator.resetCounters();
    await capacities.get(SUB, 'westus2');
    await capacities.get(SUB, 'WESTUS2');
    expect(emulator.counters()).toMatchObject({ 'resourceSkus.list': 1, 'usages.list': 1 });
    now += 5 * 60_000;
    await capacities.get(SUB, 'westus2');
    expect(emulator.counters()).toMatchObject({ 'resourceSkus.list': 2, 'usages.list': 2 });
  });

  it('a write this process sends forgets the subscription\'s cached capacity', async () => {
    const capacities = new RegionCapacities((subscription) => arm.compute(subscription));
    emulator.resetCounters();
    await capacities.get(SUB, 'uksouth');
    capacities.forgetSubscription('00000000-0000-0000-0000-00000000000F');
    await capacities.get(SUB, 'uksouth');
    expect(emulator.counters()['usages.list']).toBe(1);
    capacities.forgetSubscription(SUB.toUpperCase());
    await capacities.get(SUB, 'uksouth');
    expect(emulator.counters()['usages.list']).toBe(2);
  });

  it('a throttled Compute read is a retryable 503, and is not cached', async () => {
    const capacities = new RegionCapacities((subscription) => arm.compute(subscription));
    emulator.injectFault({ kind: 'throttle', operation: 'usages.list', retryAfterSeconds: 9, remaining: 1 });
    const error = await capacities.get(SUB, 'centralus').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(error).toMatchObject({ retryAfterSeconds: 9 });
    await expect(capacities.get(SUB, 'centralus')).resolves.toMatchObject({ location: 'centralus' });
  });
});
