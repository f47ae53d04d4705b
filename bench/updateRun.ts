/**
 * `npm run bench:updateRun`: one update run over BENCH_CLUSTERS (200) clusters in 3 stages with concurrency limits,
 * driven by the real engine (advance after advance, as the queue would) over Azurite and the AKS emulator in this
 * process, on the emulator's frozen virtual clock moved on in BENCH_STEP_SECONDS (20) steps. Prints the makespan in
 * virtual minutes against the lower bound the concurrency limits and the emulator's operation durations set
 * (goal ≤ 1.05×), and the ARM calls per member (planning: the plan and start preflights, handled as the queue
 * trigger would; and execution). The engine reads operation records only: the operations queue polls ARM, so the
 * bench also checks each running operation as that queue would, at its pollAfterSeconds in virtual time (the clock
 * is moved to each check within a step), and counts those polls. The Azure SDK must trust the emulator's
 * certificate from process start, so the script runs itself again with NODE_EXTRA_CA_CERTS when needed.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { startAksEmulator, type RunningAksEmulator } from '../local/aks-emulator';
import { DEFAULT_DURATIONS } from '../local/aks-emulator/engine/durations';
import { startAzurite } from '../local/azurite/startAzurite';
import { startDevIssuer } from '../local/dev-issuer';
import { buildFleetplane, type Fleetplane } from '../shared/app';
import { isTerminal } from '../shared/features/operations';
import { parseSettings } from '../shared/platform/settings/settings';
import { loopbackClient } from './support/loopbackClient';
import { trustEmulatorThenRun } from './support/trustEmulatorThenRun';

const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 200);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 20);
const NODES_PER_CLUSTER = 2;
const SUBSCRIPTION = '33333333-3333-4333-8333-333333333333';
const AUDIENCE = 'api://fleetplane-bench-update-run';
const SEED_CONCURRENCY = 20;
const MAX_ITERATIONS = 5_000;

const clusterId = (i: number) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-${i % 4}/providers/Microsoft.ContainerService/managedClusters/ur-${String(i).padStart(3, '0')}`;

/** 3 stages: a canary, then rings of groups running side by side, each group with its own maxConcurrency. */
function strategy(): { stages: { name: string; groups: { name: string; members: { clusterIds: string[] }; maxConcurrency: number }[] }[] } {
  const ids = Array.from({ length: CLUSTERS }, (_, i) => clusterId(i));
  const canary = Math.max(1, Math.round(CLUSTERS * 0.05));
  const ring1 = Math.round(CLUSTERS * 0.45);
  const groups = (prefix: string, members: string[], count: number, maxConcurrency: number) =>
    Array.from({ length: count }, (_, g) => ({ name: `${prefix}${g + 1}`, members: { clusterIds: members.filter((_, i) => i % count === g) }, maxConcurrency }));
  return {
    stages: [
      { name: 'canary', groups: groups('c', ids.slice(0, canary), 1, 5) },
      { name: 'ring1', groups: groups('r1g', ids.slice(canary, canary + ring1), 2, 15) },
      { name: 'ring2', groups: groups('r2g', ids.slice(canary + ring1), 4, 10) },
    ],
  };
}

/** One member's upgrade in the emulator: control plane, one surge node, each node drained and reimaged, surge removed. */
function memberUpgradeSeconds(): number {
  const d = DEFAULT_DURATIONS;
  return d.controlPlaneUpgrade + d.nodeProvision + NODES_PER_CLUSTER * (d.nodeDrain + d.nodeReimage) + d.nodeRemove;
}

/** No schedule beats this: each stage's busiest group runs its members in waves of maxConcurrency, stages in order. */
function lowerBoundMinutes(plan: ReturnType<typeof strategy>): number {
  const perMember = memberUpgradeSeconds();
  const stageSeconds = plan.stages.map((stage) => Math.max(...stage.groups.map((group) => Math.ceil(group.members.clusterIds.length / group.maxConcurrency) * perMember)));
  return stageSeconds.reduce((sum, s) => sum + s, 0) / 60;
}

async function seed(emulator: RunningAksEmulator, agent: Agent): Promise<void> {
  const send = loopbackClient(agent);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < CLUSTERS) {
      const i = next++;
      const created = await send('PUT', `${emulator.baseUrl}${clusterId(i)}?api-version=2026-06-01`, { authorization: 'Bearer bench' }, {
        location: 'eastus',
        properties: {
          dnsPrefix: `ur-${i}`,
          kubernetesVersion: '1.35.3',
          autoUpgradeProfile: { upgradeChannel: 'none' },
          agentPoolProfiles: [{ name: 'system', mode: 'System', vmSize: 'Standard_D2s_v5', count: NODES_PER_CLUSTER }],
        },
      });
      if (created.status !== 201) throw new Error(`seeding cluster ${i}: ${created.status} ${created.body}`);
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
}

async function callApi(fleetplane: Fleetplane, token: string, operationId: string, url: string, params: Record<string, string>, body?: unknown): Promise<{ status: number; body: unknown }> {
  const request = new HttpRequest({
    method: 'POST',
    url: `http://127.0.0.1:7071/api/${url}`,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    params,
    ...(body === undefined ? {} : { body: { string: JSON.stringify(body) } }),
  });
  const response = (await fleetplane.updateRuns.http[operationId]!(request, new InvocationContext())) as HttpResponseInit;
  return { status: response.status ?? 200, body: response.jsonBody as unknown };
}

function countersDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [name, n] of Object.entries(after)) if (n - (before[name] ?? 0) > 0) delta[name] = n - (before[name] ?? 0);
  return delta;
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);

/** The runner's pause between checks when ARM gave no Retry-After (armOperationRunner's DEFAULT_POLL_SECONDS). */
const DEFAULT_POLL_SECONDS = 10;

/**
 * The operations queue in virtual time: each running operation is checked (the `operationsAdvance` handler: one ARM
 * poll, and the end told once, which kicks the run) every pollAfterSeconds from when it was first seen, the clock
 * moved to each due check, until `seconds` have passed. Returns the checks made.
 */
async function runOperationChecks(fleetplane: Fleetplane, emulator: RunningAksEmulator, due: Map<string, number>, seconds: number, context: InvocationContext): Promise<number> {
  const virtualNow = () => Date.parse(emulator.now());
  const end = virtualNow() + seconds * 1000;
  let checks = 0;
  for (;;) {
    const active = await fleetplane.operations.store.active();
    const activeIds = new Set(active.map(({ value }) => value.id));
    for (const id of due.keys()) if (!activeIds.has(id)) due.delete(id);
    for (const { value } of active) if (!due.has(value.id)) due.set(value.id, virtualNow() + (value.pollAfterSeconds ?? DEFAULT_POLL_SECONDS) * 1000);
    const next = Math.min(...due.values());
    if (!Number.isFinite(next) || next > end) break;
    if (next > virtualNow()) emulator.advanceClock((next - virtualNow()) / 1000);
    for (const [id, at] of [...due].filter(([, at]) => at <= next)) {
      await fleetplane.operations.advance({ operationId: id }, context);
      checks += 1;
      const record = (await fleetplane.operations.store.get(id))?.value;
      if (record && !isTerminal(record.status)) due.set(id, at + (record.pollAfterSeconds ?? DEFAULT_POLL_SECONDS) * 1000);
      else due.delete(id);
    }
  }
  if (end > virtualNow()) emulator.advanceClock((end - virtualNow()) / 1000);
  return checks;
}

async function main(): Promise<void> {
  const wallStart = performance.now();
  const azurite = await startAzurite();
  const issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-bench-issuer-')) });
  const emulator = await startAksEmulator({ port: 0, speed: 0, seed: 1, demoFleet: false, defaultVcpuQuota: 10_000_000, clockStart: '2026-12-07T06:00:00Z' });
  const agent = new Agent({ keepAlive: true, ca: readFileSync(emulator.caCertPath) });
  try {
    await seed(emulator, agent);
    emulator.advanceClock(30 * 60);
    // The default workloads hold PDBs that allow no disruption (a blocking preflight problem): this measures the engine.
    for (let i = 0; i < CLUSTERS; i += 1) emulator.workload.patch(SUBSCRIPTION, `rg-${i % 4}`, `ur-${String(i).padStart(3, '0')}`, { podDisruptionBudgets: [] });
    const prefix = `bench${Date.now().toString(36)}`;
    const fleetplane = buildFleetplane(
      parseSettings({
        FLEETPLANE_MODE: 'local',
        FLEETPLANE_LOG_LEVEL: 'warning',
        AzureWebJobsStorage: azurite.connectionString,
        FLEETPLANE_TABLE_PREFIX: prefix,
        FLEETPLANE_OPERATIONS_QUEUE: `${prefix}-operations`,
        FLEETPLANE_UPDATERUNS_QUEUE: `${prefix}-updateruns`,
        FLEETPLANE_DEV_ISSUER: issuer.issuerUrl,
        FLEETPLANE_AUTH_AUDIENCES: AUDIENCE,
        FLEETPLANE_AUTH_APP_ROLES_AT_TENANT_SCOPE: 'true',
        FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl,
        FLEETPLANE_ARM_CREDENTIAL: 'emulator',
        FLEETPLANE_SUBSCRIPTION_IDS: SUBSCRIPTION,
        FLEETPLANE_VIRTUAL_CLOCK_URL: `${emulator.baseUrl}/_emulator/clock`,
        // The default ARM read budget: the preflights are system work on the queue, not the caller's reads.
      }),
    );
    const token = await issuer.signToken({ audience: AUDIENCE, role: 'Owner', oid: '0e000000-0000-4000-8000-0000000000b1' });
    const plan = strategy();

    const beforePlan = emulator.counters();
    const created = await callApi(fleetplane, token, 'createUpdateRun', 'updateRuns', {}, {
      name: 'bench',
      upgradeType: 'Full',
      kubernetesVersion: '1.36',
      members: { clusterIds: Array.from({ length: CLUSTERS }, (_, i) => clusterId(i)) },
      strategy: plan,
    });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body).slice(0, 2000)}`);
    const runId = (created.body as { id: string }).id;
    const store = fleetplane.updateRuns.dependencies.store;
    const context = new InvocationContext();
    // What the queue trigger does with the preflight message the API sent (the plan after create, then the start's).
    const preflight = async (purpose: string) => {
      const { preflight: pending } = (await store.require(runId)).value;
      if (pending?.status !== 'Pending' || pending.purpose !== purpose) throw new Error(`no ${purpose} preflight pending: ${JSON.stringify(pending)}`);
      const startedAt = performance.now();
      await fleetplane.updateRunsEngine.handleMessage({ kind: 'preflight', runId, preflightId: pending.id }, context);
      return (performance.now() - startedAt) / 1000;
    };
    const planSeconds = await preflight('plan');
    const started = await callApi(fleetplane, token, 'startUpdateRun', `updateRuns/${runId}/start`, { runId });
    if (started.status !== 202) throw new Error(`start: ${started.status} ${JSON.stringify(started.body).slice(0, 2000)}`);
    const startSeconds = await preflight('start');
    const afterStart = (await store.require(runId)).value;
    if (afterStart.status !== 'Running') throw new Error(`start preflight: ${afterStart.status} ${afterStart.preflight?.error ?? ''}`);
    const planCalls = countersDelta(beforePlan, emulator.counters());

    const beforeRun = emulator.counters();
    const fingerprint = async () => {
      const { nextAdvanceAt: _next, ...run } = (await store.require(runId)).value;
      return JSON.stringify(run);
    };
    let iterations = 0;
    let advances = 0;
    let operationChecks = 0;
    const checksDue = new Map<string, number>();
    for (; iterations < MAX_ITERATIONS; iterations += 1) {
      // Advance until the run is settled at this virtual time (steps claimed beyond one advance's bound go next).
      for (let again = 0; again < 10; again += 1) {
        const before = await fingerprint();
        await fleetplane.updateRunsEngine.handleMessage({ runId }, context);
        advances += 1;
        if ((await fingerprint()) === before) break;
      }
      const { status } = (await store.require(runId)).value;
      if (status !== 'Running') break;
      operationChecks += await runOperationChecks(fleetplane, emulator, checksDue, STEP_SECONDS, context);
    }
    const run = (await store.require(runId)).value;
    const runCalls = countersDelta(beforeRun, emulator.counters());
    const makespan = (Date.parse(run.finishedAt ?? emulator.now()) - Date.parse(run.startedAt ?? run.createdAt)) / 60_000;
    const bound = lowerBoundMinutes(plan);
    const memberMinutes = run.members.map((m) => (Date.parse(m.finishedAt ?? '') - Date.parse(m.startedAt ?? '')) / 60_000).filter(Number.isFinite);
    const statuses: Record<string, number> = {};
    for (const member of run.members) statuses[member.status] = (statuses[member.status] ?? 0) + 1;

    console.log(`Update run: ${CLUSTERS} clusters, 1.35.3 → 1.36 (Full), ${NODES_PER_CLUSTER} nodes each; engine in-process over Azurite and the AKS emulator`);
    for (const stage of plan.stages) {
      console.log(`  stage ${stage.name}: ${stage.groups.map((g) => `${g.name} ${g.members.clusterIds.length} members ≤${g.maxConcurrency} at once`).join(', ')}`);
    }
    console.log(`  result: ${run.status} ${JSON.stringify(statuses)}`);
    console.log(`  member upgrade (emulator): ${memberUpgradeSeconds() / 60} min by its durations; observed ${Math.min(...memberMinutes).toFixed(1)}–${Math.max(...memberMinutes).toFixed(1)} min (step ${STEP_SECONDS}s)`);
    console.log(`  makespan:    ${makespan.toFixed(1)} virtual min`);
    console.log(`  lower bound: ${bound.toFixed(1)} virtual min (waves of maxConcurrency × member upgrade, stages in order)`);
    console.log(`  ratio:       ${(makespan / bound).toFixed(3)} (goal ≤ 1.05)`);
    if (run.estimate) console.log(`  the run's own estimate at planning: makespan ${run.estimate.makespanMinutes.toFixed(1)} min, lower bound ${run.estimate.lowerBoundMinutes.toFixed(1)} min`);
    console.log(`  preflights on the queue (system reads, default read budget): plan ${planSeconds.toFixed(1)} s, start ${startSeconds.toFixed(1)} s wall`);
    console.log(`  ARM calls per member: planning ${(total(planCalls) / CLUSTERS).toFixed(1)} ${JSON.stringify(planCalls)} (two preflights: plan and start)`);
    console.log(`                        execution ${(total(runCalls) / CLUSTERS).toFixed(1)} ${JSON.stringify(runCalls)}`);
    console.log(`  ${advances} advances over ${iterations} clock steps, ${operationChecks} operation checks (the operations queue's); wall ${((performance.now() - wallStart) / 1000).toFixed(0)} s`);
    if (run.status !== 'Completed') process.exitCode = 1;
  } finally {
    agent.destroy();
    await emulator.close();
    await issuer.close();
    await azurite.stop();
  }
}

trustEmulatorThenRun(main);
