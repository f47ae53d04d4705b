import { QueueClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { OperationStore } from '../../shared/features/operations/operationStore';
import { StorageAccount } from '../../shared/platform/storage/storageAccount';
import { SUB } from '../emulator/harness';
import { fourPoolSpec, WINDOWS_PASSWORD } from '../integration/clusters/clusterTestBed';
import { startFleetStack, type FleetStack } from '../support/fleetStack';
import type { StartedHost } from '../support/localHost';
import { testSettings, uniqueTablePrefix } from '../support/storage';
import { auditRecordsOf, fleetplaneCaller } from './support/fleetplaneCaller';

const AUDIENCE = 'api://fleetplane-reliability';
const OWNER = '0e000000-0000-4000-8000-000000000001';
const DUPLICATES = 4;

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * §5.8 F8 through the local host's real queue trigger: the check message of a running ARM operation delivered
 * several times at once (at-least-once delivery) ends the operation once, reports it once, and sends ARM one
 * write. (A handler failing five times ends in `<queue>-poison`: test/integration/host/queueTriggers.test.ts.)
 */
describe('a queue message delivered more than once (F8)', () => {
  let stack: FleetStack;
  let emulator: RunningAksEmulator;
  let host: StartedHost;
  let owner: string;
  const tablePrefix = uniqueTablePrefix();
  const call = fleetplaneCaller(() => host.origin);

  beforeAll(async () => {
    stack = await startFleetStack({
      audience: AUDIENCE,
      tablePrefix,
      env: () => ({ FLEETPLANE_WINDOWS_ADMIN_USERNAME: 'fleetadmin', FLEETPLANE_WINDOWS_ADMIN_PASSWORD: WINDOWS_PASSWORD }),
    });
    ({ emulator, host } = stack);
    owner = await stack.token({ role: 'Owner', oid: OWNER });
  }, 60_000);
  afterAll(() => stack?.stop());

  it('ends and reports the operation once, after one ARM write, however many copies of its check arrive', async () => {
    const accepted = await call('PUT', `subscriptions/${SUB}/resourceGroups/rg-f8/clusters/dup`, owner, fourPoolSpec());
    expect(accepted.status).toBe(202);
    const operationId = accepted.body.id as string;
    emulator.advanceClock(3_600);

    const queue = new QueueClient(inject('storageConnectionString'), `${tablePrefix.toLowerCase()}-operations`);
    const message = Buffer.from(JSON.stringify({ operationId })).toString('base64');
    await Promise.all(Array.from({ length: DUPLICATES }, () => queue.sendMessage(message)));

    const store = new OperationStore(new StorageAccount(testSettings({ FLEETPLANE_TABLE_PREFIX: tablePrefix })).tableClient(`${tablePrefix}operations`));
    const ended = await waitFor(() => store.get(operationId), (record) => record?.value.status === 'Succeeded', 20_000);
    expect(ended?.value.completedAt).toBeDefined();
    // The record says Succeeded before its finisher has told the outbox and logged: wait for the line, then for every
    // copy to be done (a copy in a handler is invisible to a peek but still counted, as is the run's own first check,
    // delayed by the operation's poll interval).
    const finishedLinesOf = () => host.output().split('\n').filter((line) => line.includes('"Operation finished"') && line.includes(operationId));
    await waitFor(() => Promise.resolve(finishedLinesOf()), (lines) => lines.length > 0, 20_000);
    await waitFor(async () => (await queue.getProperties()).approximateMessagesCount, (count) => count === 0, 40_000);
    const finishedLines = finishedLinesOf();
    expect(finishedLines).toHaveLength(1);
    expect(emulator.counters()['managedClusters.createOrUpdate']).toBe(1);
    expect((await auditRecordsOf(call, owner, accepted.correlationId)).map((r) => r.outcome)).toEqual(['succeeded']);
  }, 90_000);
});
