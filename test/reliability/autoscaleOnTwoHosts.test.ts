import { QueueClient } from '@azure/storage-queue';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { SUB } from '../emulator/harness';
import { apiOf, clusterRoute, createCluster, createWorkspace, decisionsOf, GIB, nextCycle, quickCycles, RESOURCE_GROUP, type Api } from '../e2e/support/autoscaleStack';
import { startFleetStack, type FleetStack } from '../support/fleetStack';
import { fleetApiHostEnv, startLocalHost, type StartedHost } from '../support/localHost';

const AUDIENCE = 'api://fleetplane-autoscale-two-hosts';
const POOLS = ['web', 'api', 'jobs'];

/**
 * Two hosts on one Azurite share the autoscale queue and tables (as two instances of one app): the chain row runs
 * each cycle once, and the per-pool claim makes every pool evaluated once per cycle and written at most once.
 */
describe('the autoscale cycle on two hosts', () => {
  let stack: FleetStack;
  let emulator: RunningAksEmulator;
  let second: StartedHost;
  let api: Api;

  beforeAll(async () => {
    stack = await startFleetStack({
      audience: AUDIENCE,
      emulator: { speed: 0, clockStart: Date.parse('2026-12-07T10:00:00Z') },
      monitoring: true,
      env: quickCycles,
      prepare: async (emulator) => {
        await createWorkspace(emulator);
        await createCluster(emulator, 'shared', Object.fromEntries(POOLS.map((pool) => [pool, 1])));
        emulator.advanceClock(30 * 60);
        emulator.workload.set(SUB, RESOURCE_GROUP, 'shared', {
          profile: { kind: 'steady', intensity: 3 },
          deployments: POOLS.map((pool) => ({ namespace: 'shop', name: pool, replicas: 2, maxReplicas: 6, cpuRequestMillicores: 1000, memoryRequestBytes: GIB, nodeSelector: { os: 'linux', pool } })),
        });
      },
    });
    emulator = stack.emulator;
    second = await startLocalHost({
      env: {
        ...fleetApiHostEnv({ storageConnectionString: inject('storageConnectionString'), issuerUrl: stack.issuer.issuerUrl, audience: AUDIENCE, armEndpoint: emulator.baseUrl, subscriptionIds: [SUB], tablePrefix: stack.tablePrefix }),
        FLEETPLANE_LOGS_ENDPOINT: `${emulator.baseUrl}/v1`,
        FLEETPLANE_METRICS_ENDPOINT: `${emulator.baseUrl}/regions/{region}`,
        ...quickCycles(emulator),
      },
    });
    api = apiOf(stack.host, await stack.token({ role: 'Owner', oid: '0e000000-0000-4000-8000-0000000000b2' }));
    for (const pool of POOLS) {
      const put = await api('PUT', `${clusterRoute('shared')}/nodePools/${pool}/autoscalePolicy`, { minNodes: 1, maxNodes: 6, targets: { cpuUtilizationPercent: 50, pendingPods: true } });
      expect(put.status).toBeLessThan(300);
    }
    emulator.resetCounters();
    expect((await api('POST', `${clusterRoute('shared')}/autoscale/evaluate?dryRun=true`)).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await second?.stop();
    await stack?.stop();
  });

  it('evaluates each pool once per cycle and writes it at most once', async () => {
    for (let i = 0; i < 8; i++) await nextCycle(emulator, api, 'shared', POOLS[i % POOLS.length]!);
    // Copies of one batch at once (at-least-once delivery, a lost-lease redelivery): on one host or both, their
    // evaluations race for every pool, and only the per-pool claim keeps it to one decision and one write per pool.
    const racedCycle = 1_000_000;
    const queue = new QueueClient(inject('storageConnectionString'), `${stack.tablePrefix.toLowerCase()}-autoscale`);
    const copy = Buffer.from(JSON.stringify({ kind: 'subscription', cycle: racedCycle, subscriptionId: SUB, at: emulator.now() })).toString('base64');
    await Promise.all(Array.from({ length: 4 }, () => queue.sendMessage(copy)));
    const batchLines = () => [stack.host, second].flatMap((host) => host.output().split('\n')).filter((line) => line.includes('"Autoscale batch evaluated"') && line.includes(`"cycle":${racedCycle}`));
    for (const deadline = Date.now() + 60_000; batchLines().length < 4; await sleep(200)) {
      if (Date.now() > deadline) throw new Error(`the copies were not all handled: ${JSON.stringify(batchLines())}`);
    }
    const decisions = (await Promise.all(POOLS.map((pool) => decisionsOf(api, 'shared', pool)))).flat().filter((d) => d.trigger === 'cycle');
    const perPoolAndCycle = new Map<string, number>();
    for (const decision of decisions) perPoolAndCycle.set(`${decision.poolName}#${decision.cycle}`, (perPoolAndCycle.get(`${decision.poolName}#${decision.cycle}`) ?? 0) + 1);
    expect(decisions.length).toBeGreaterThan(POOLS.length);
    expect(POOLS.map((pool) => decisions.filter((d) => d.poolName === pool && d.cycle === racedCycle).length)).toEqual(POOLS.map(() => 1));
    expect([...perPoolAndCycle.values()].every((count) => count === 1), JSON.stringify([...perPoolAndCycle])).toBe(true);

    const submitted = decisions.filter((d) => d.outcome.kind === 'Submitted' && d.action.type === 'SetCount');
    expect(submitted.length).toBeGreaterThan(0);
    // Every write ARM took is one submitted decision: none twice, none behind the records' back.
    expect(emulator.appliedWrites()['agentPools.createOrUpdate'] ?? 0).toBe(submitted.length);
    expect(new Set(submitted.map((d) => d.outcome.operationId)).size).toBe(submitted.length);
  }, 300_000);
});
