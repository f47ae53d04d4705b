import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { basicCluster, clusterPath, raw, SUB, withApi } from '../../emulator/harness';
import type { StartedHost } from '../../support/localHost';

export const RESOURCE_GROUP = 'rg-autoscale';
export const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-autoscale`;
export const GIB = 1024 ** 3;

/** Settings that make cycles quick: one second between ticks, and "now" from the emulator's virtual clock. */
export const quickCycles = (emulator: RunningAksEmulator): Record<string, string> => ({
  FLEETPLANE_VIRTUAL_CLOCK_URL: `${emulator.baseUrl}/_emulator/clock`,
  FLEETPLANE_AUTOSCALE_CYCLE_SECONDS: '1',
});

/** A monitored cluster with a System pool and the given User pools (Standard_D4s_v5), settled. */
export async function createCluster(emulator: RunningAksEmulator, name: string, userPools: Record<string, number>): Promise<void> {
  const spec = basicCluster({ dnsPrefix: name, addonProfiles: { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: WORKSPACE } } } }, { vmSize: 'Standard_D4s_v5', count: 1 });
  for (const [pool, count] of Object.entries(userPools)) spec.properties.agentPoolProfiles.push({ name: pool, mode: 'User', osType: 'Linux', vmSize: 'Standard_D4s_v5', count });
  const created = await raw(emulator, 'PUT', withApi(clusterPath(RESOURCE_GROUP, name)), spec);
  expect(created.status).toBeLessThan(300);
}

export async function createWorkspace(emulator: RunningAksEmulator): Promise<void> {
  expect((await raw(emulator, 'PUT', `${WORKSPACE}?api-version=2023-09-01`, { location: 'eastus', properties: {} })).status).toBe(201);
}

export interface Api {
  (method: string, route: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export function apiOf(host: StartedHost, token: string): Api {
  return async (method, route, body) => {
    const response = await fetch(`${host.origin}/api/${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
}

export const clusterRoute = (name: string) => `subscriptions/${SUB}/resourceGroups/${RESOURCE_GROUP}/clusters/${name}`;

/** Every decision of a pool, newest first (all pages). */
export async function decisionsOf(api: Api, cluster: string, pool: string): Promise<any[]> {
  const found: any[] = [];
  let route: string | undefined = `${clusterRoute(cluster)}/autoscaleDecisions?pool=${pool}&pageSize=200`;
  while (route) {
    const page = await api('GET', route);
    expect(page.status).toBe(200);
    found.push(...page.body.value);
    route = page.body.nextLink ? String(page.body.nextLink).replace(/^.*?\/api\//, '') : undefined;
  }
  return found;
}

/** Waits for the cycle to evaluate the pool at (or after) the virtual time `atMs`; returns that decision. */
export async function decisionAtOrAfter(api: Api, cluster: string, pool: string, atMs: number, timeoutMs = 30_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const decisions = (await decisionsOf(api, cluster, pool)).filter((d) => d.trigger === 'cycle' && Date.parse(d.evaluatedAt) >= atMs);
    if (decisions.length > 0) return decisions[decisions.length - 1];
    if (Date.now() > deadline) throw new Error(`no cycle decision for ${cluster}/${pool} at or after ${new Date(atMs).toISOString()}`);
    await sleep(200);
  }
}

/** Moves the virtual clock one cycle period (a minute) and waits for the pool's decision of that minute. */
export async function nextCycle(emulator: RunningAksEmulator, api: Api, cluster: string, pool: string, seconds = 60): Promise<any> {
  emulator.advanceClock(seconds);
  return decisionAtOrAfter(api, cluster, pool, Date.parse(emulator.now()));
}

export const poolCount = (emulator: RunningAksEmulator, cluster: string, pool: string): number =>
  emulator.nodes(SUB, RESOURCE_GROUP, cluster).find((p) => p.pool === pool)?.nodes.length ?? 0;
