import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PreconditionFailedError } from '../../../shared/domain/errors';
import { MAX_MEMBER_FAILURES, UpdateRunStore, withEvent, type RunMember, type UpdateRun } from '../../../shared/features/updateRuns';
import { testStorage, uniqueTablePrefix } from '../../support/storage';

const AT = '2026-12-06T12:00:00Z';
const TABLE_LIMIT_CHARS = 15 * 30_000;

function store(): UpdateRunStore {
  return new UpdateRunStore(testStorage().tableClient(`${uniqueTablePrefix()}updateruns`));
}

function memberOf(index: number, heavy: boolean): RunMember {
  const clusterId = `/subscriptions/00000000-0000-0000-0000-${String(index).padStart(12, '0')}/resourceGroups/rg-fleet-production-westeurope-${index}/providers/Microsoft.ContainerService/managedClusters/aks-prod-weu-${index}`;
  const pools = { system: '1.34.3', apps: '1.34.3', batch: '1.34.3', gpu: '1.34.3' };
  const name = `aks-prod-weu-${index}`;
  const failure = () =>
    `Upgrade of agent pool 'apps' of ${name} finished with 2 undrainable node(s) (aks-apps-${randomUUID().slice(0, 8)}-vmss00000${index % 10}) because of a restrictive Pod Disruption Budget (PDB) policy; undrainableNodeBehavior is Cordon. Operation could not be completed as it results in exceeding approved standardDSv5Family Cores quota. Current Limit: ${index * 4}, Current Usage: ${index * 4}, Additional Required: 4. Operation ${randomUUID()}, correlation ${randomUUID()}.`.slice(0, 500);
  return {
    clusterId,
    name: `aks-prod-weu-${index}`,
    location: 'westeurope',
    stage: 'production',
    group: `ring-${index % 10}`,
    status: 'Running',
    from: { controlPlane: '1.33.5', nodePools: { system: '1.33.5', apps: '1.33.5', batch: '1.33.5', gpu: '1.33.5' } },
    steps: [
      { controlPlane: '1.34.3', nodePools: pools, status: 'Succeeded', operationId: randomUUID(), startedAt: AT, finishedAt: AT },
      { controlPlane: '1.35.2', nodePools: { system: '1.35.2', apps: '1.35.2', batch: '1.35.2', gpu: '1.35.2' }, status: 'Running', operationId: randomUUID(), startedAt: AT },
      { nodeImage: true, nodePools: { system: 'AKSUbuntu-2204gen2containerd-202612.01.0', apps: 'AKSUbuntu-2204gen2containerd-202612.01.0' }, status: 'Pending' },
    ],
    currentStep: 1,
    operationId: randomUUID(),
    rolling: { pool: 'apps', surgeNodes: 3, nodesUpgraded: 12, nodesTotal: 30, drain: 'Draining', updatedAt: AT },
    window: { hasWindow: true, open: true, opensAt: AT, closesAt: AT },
    estimatedMinutes: 123.4,
    eta: AT,
    startedAt: AT,
    failures: heavy ? Array.from({ length: MAX_MEMBER_FAILURES }, () => ({ at: AT, code: 'UpgradeFailed', message: failure() })) : [],
    problems: heavy
      ? Array.from({ length: 6 }, (_, p) => ({
          check: 'deprecatedApis' as const,
          severity: 'Warning' as const,
          code: 'DEPRECATED_API_USED_LATER_REMOVAL',
          message: `Recent calls to deprecated APIs still served by 1.35.2 on ${name}: example${p}.io/v1beta1 widgets (${(index * 7 + p) % 97} calls, removed in 1.38), audit ${randomUUID()}.`,
        }))
      : [],
  };
}

function runOf(members: number, heavy = false): UpdateRun {
  let run: UpdateRun = {
    id: `ur-${Date.now().toString(36)}-${Math.random().toString(16).slice(2, 10)}`,
    request: { upgradeType: 'Full', kubernetesVersion: '1.35', nodeImageSelection: 'Latest', members: { tagSelector: { env: 'production' } } },
    status: 'Running',
    createdAt: AT,
    createdBy: '0e000000-0000-4000-8000-000000000001',
    plannedAt: AT,
    // The last preflight, at its largest: a refused start's reason.
    preflight: { id: randomUUID(), purpose: 'start', status: 'Failed', requestedAt: AT, requestedBy: '0e000000-0000-4000-8000-000000000001', messageSentAt: AT, completedAt: AT, error: 'x'.repeat(1000) },
    stages: [{ name: 'production', status: 'Running', maxConcurrency: 10, afterStageWaitInSeconds: 0, groups: Array.from({ length: 10 }, (_, g) => ({ name: `ring-${g}`, status: 'Running' as const, maxConcurrency: 5, maxAllowedFailures: 1, failureCount: 0 })) }],
    gates: [],
    members: Array.from({ length: members }, (_, i) => memberOf(i, heavy)),
    events: [],
    eventsDropped: 0,
  };
  const events = heavy ? 250 : 1;
  for (let i = 0; i < events; i++) run = withEvent(run, { at: AT, kind: 'MemberStepStarted', message: `Step 2 of ${run.members[i % members]?.name ?? ''} started: operation ${randomUUID()} moves the control plane to 1.35.2.`, clusterId: run.members[i % members]?.clusterId ?? '' });
  return run;
}

describe('UpdateRunStore against Azurite', () => {
  it('creates, reads back and replaces only at the ETag read; a stale ETag is a PreconditionFailedError (412)', async () => {
    const runs = store();
    const created = await runs.create(runOf(2));
    const read = await runs.require(created.value.id);
    expect(read.value).toEqual(created.value);
    const paused = await runs.replace({ ...read.value, status: 'Paused' }, read.etag);
    expect(paused.etag).not.toBe(read.etag);
    await expect(runs.replace({ ...read.value, status: 'Stopping' }, read.etag)).rejects.toBeInstanceOf(PreconditionFailedError);
    expect((await runs.require(created.value.id)).value.status).toBe('Paused');
  });

  it('update re-decides on the fresh run after a concurrent writer, and leaves the run alone when the change says so', async () => {
    const runs = store();
    const { value } = await runs.create(runOf(1));
    const updated = await runs.update(value.id, (run) => ({ ...run, statusReason: `seen ${run.events.length} events` }));
    expect(updated.value.statusReason).toBe('seen 1 events');
    // Two writers from the same read: the second gets 412 and update() retries it on what the first wrote.
    const [first, second] = await Promise.all([
      runs.update(value.id, (run) => withEvent(run, { at: AT, kind: 'Paused', message: 'a' })),
      runs.update(value.id, (run) => withEvent(run, { at: AT, kind: 'Resumed', message: 'b' })),
    ]);
    const final = await runs.require(value.id);
    expect(final.value.events.map((event) => event.kind).sort()).toEqual(['MemberStepStarted', 'Paused', 'Resumed']);
    expect([first.etag, second.etag]).toContain(final.etag);
    const unchanged = await runs.update(value.id, () => undefined);
    expect(unchanged.etag).toBe(final.etag);
  });

  it('holds 200 members at their worst in one row: 3 steps over 4 pools, 10 failures, 6 problems, a full event log', async () => {
    const runs = store();
    const heavy = runOf(200, true);
    const json = JSON.stringify(heavy);
    const stored = gzipSync(json).toString('base64').length;
    console.info(`A 200-member run at its worst: ${json.length} characters of JSON, ${stored} stored (${Math.round((100 * stored) / TABLE_LIMIT_CHARS)} % of the row limit)`);
    expect(json.length).toBeGreaterThan(TABLE_LIMIT_CHARS); // it would not fit uncompressed
    expect(stored).toBeLessThan(TABLE_LIMIT_CHARS * 0.6);
    expect(heavy.events).toHaveLength(200);
    expect(heavy.eventsDropped).toBe(50);
    const created = await runs.create(heavy);
    expect((await runs.require(created.value.id)).value).toEqual(heavy);
  });

  it('pages runs newest first by id and lists the unfinished ones', async () => {
    const runs = store();
    const older = await runs.create({ ...runOf(1), id: 'ur-b-1', status: 'Completed' });
    const newer = await runs.create({ ...runOf(1), id: 'ur-a-1', status: 'Running' });
    const page = await runs.page({ pageSize: 10 });
    expect(page.items.map((item) => item.value.id)).toEqual([newer.value.id, older.value.id]);
    expect((await runs.active()).map((item) => item.value.id)).toEqual([newer.value.id]);
  });
});
