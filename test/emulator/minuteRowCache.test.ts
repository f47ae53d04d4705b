import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { clusterKey } from '../../local/aks-emulator/model';
import { MinuteRowCache, PER_MINUTE_TABLES } from '../../local/aks-emulator/workload/tables/minuteRowCache';
import type { TableContext } from '../../local/aks-emulator/workload/tables/tableContext';
import { tableRows } from '../../local/aks-emulator/workload/tables/workloadTables';
import { SUB, basicCluster, clusterPath, raw, startTestEmulator, withApi } from './harness';

/**
 * The inventory rows kept per cluster-minute are the rows the generators give for any range, before and after a
 * topology change inside it, whether they come from the cache, are generated, or were evicted and generated again.
 */

const T0 = Date.parse('2026-11-27T00:00:00Z');
const RG = 'rg-minutes';
const NAME = 'minutes1';
const MINUTE = 60_000;

describe('inventory rows cached per cluster-minute', () => {
  let emulator: RunningAksEmulator;
  let ctxOf: (fromMs: number, toMs: number) => TableContext;
  let now: number;

  beforeAll(async () => {
    emulator = await startTestEmulator({ speed: 0, clockStart: T0, seed: 5 });
    expect((await raw(emulator, 'PUT', withApi(clusterPath(RG, NAME)), basicCluster({}, { vmSize: 'Standard_D4s_v5', count: 1 }))).status).toBe(201);
    emulator.advanceClock(20 * 60);
    expect((await raw(emulator, 'PUT', withApi(`${clusterPath(RG, NAME)}/agentPools/system`), { properties: { vmSize: 'Standard_D4s_v5', count: 3, mode: 'System' } })).status).toBe(200);
    emulator.advanceClock(20 * 60);
    now = Date.parse(emulator.now());
    ctxOf = (fromMs, toMs) => ({
      simulation: emulator.workload.simulation,
      clusterKey: clusterKey(SUB, RG, NAME),
      resourceId: clusterPath(RG, NAME),
      subscriptionId: SUB,
      clusterName: NAME,
      fromMs,
      toMs,
      nowMs: now,
    });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('gives the generators’ rows for any range, cached or not, evicted or not', () => {
    const roomy = new MinuteRowCache();
    const tight = new MinuteRowCache(40);
    const range = fc.tuple(fc.integer({ min: 0, max: 39 * MINUTE }), fc.integer({ min: 1, max: 30 * MINUTE })).map(([offset, length]) => [T0 + offset, Math.min(T0 + offset + length, now + 1)] as const);
    fc.assert(
      fc.property(range, fc.constantFrom(...PER_MINUTE_TABLES), ([fromMs, toMs], table) => {
        const ctx = ctxOf(fromMs, toMs);
        const direct = tableRows(ctx, table);
        for (const cache of [roomy, tight, roomy, tight]) {
          expect(cache.rows(ctx, table, emulator.workload.simulation.epoch, (minute) => tableRows(minute, table))).toEqual(direct);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('generates a past minute once, the current minute every time, and forgets everything on a reset', () => {
    const cache = new MinuteRowCache();
    let generated = 0;
    const generate = (ctx: TableContext) => {
      generated += 1;
      return tableRows(ctx, 'KubePodInventory');
    };
    const ctx = ctxOf(now - 2 * MINUTE, now + 1);
    cache.rows(ctx, 'KubePodInventory', 0, generate);
    cache.rows(ctx, 'KubePodInventory', 0, generate);
    expect(generated).toBe(3 + 1);
    cache.rows(ctx, 'KubePodInventory', 1, generate);
    expect(generated).toBe(3 + 1 + 3);
  });
});
