import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArmFaultStack, CLUSTERS, clusterTarget, pollUntil, smallCluster } from './support/armFaultStack';

/**
 * F5: kill -9 of the local host at each step of a write. After a restart nothing is lost (the operation ends
 * with the truth), nothing is applied twice (the emulator took at most one PUT), and the answer is clear.
 */
describe('F5 kill -9 of the host during a cluster write (local host, Azurite, AKS emulator)', () => {
  const stack = new ArmFaultStack({
    FLEETPLANE_ARM_TRY_TIMEOUT_MS: '2000',
    FLEETPLANE_ARM_CALL_DEADLINE_MS: '2500',
    FLEETPLANE_HTTP_ARM_DEADLINE_MS: '4000',
    FLEETPLANE_SUBMISSION_GRACE_MS: '5000',
  });

  beforeAll(() => stack.start(), 60_000);
  afterAll(() => stack.stop());

  /** Sends the PUT, waits until the emulator has it, then kills the host before it can answer. */
  async function killWhileArmHolds(name: string, fault: Record<string, unknown>, heldWhen: (calls: { received: number; applied: number }) => boolean) {
    await stack.admin('POST', 'counters/reset');
    await stack.injectFault({ operation: 'managedClusters.createOrUpdate', remaining: 1, ...fault });
    const correlationId = randomUUID();
    const answer = stack.call('PUT', `${CLUSTERS}/${name}`, smallCluster(), { 'x-correlation-id': correlationId }).catch((error: unknown) => error);
    await pollUntil(() => stack.armCalls('managedClusters.createOrUpdate'), heldWhen, 10_000);
    const [record] = await stack.activeOperationsOf(clusterTarget(name));
    await stack.killHost();
    expect(await answer).toBeInstanceOf(Error); // the caller got no answer at all
    await stack.startHost();
    expect(record).toMatchObject({ status: 'Accepted', correlationId, createdBy: expect.stringMatching(/\//) });
    // The audit trail was reserved before the write ran: the killed request left its pending record.
    expect(await stack.auditOf(correlationId)).toEqual([
      expect.objectContaining({ action: 'putCluster', method: 'PUT', status: 0, outcome: 'pending', decision: 'pending' }),
    ]);
    return record!;
  }

  it('killed after the record, before ARM took the PUT: the operation is closed as not applied, nothing is sent again', async () => {
    const record = await killWhileArmHolds('kill-before', { kind: 'hang' }, (calls) => calls.received === 1);

    const final = await pollUntil(() => stack.call('GET', `operations/${record.id}`), (a) => a.body?.status === 'Failed', 15_000);
    expect(final.body).toMatchObject({ id: record.id, status: 'Failed', error: { code: 'SubmissionInterrupted', message: expect.stringContaining('not applied') } });
    expect(await stack.armCalls('managedClusters.createOrUpdate')).toEqual({ received: 1, applied: 0 });
    expect((await stack.call('GET', `${CLUSTERS}/kill-before`)).status).toBe(404);
  });

  it('killed after ARM took the PUT, before its answer was recorded: the restarted host adopts the operation and follows it to Succeeded', async () => {
    const record = await killWhileArmHolds('kill-between', { kind: 'slowResponse', latencyMs: 60_000 }, (calls) => calls.applied === 1);

    const adopted = await stack.call('GET', `operations/${record.id}`);
    expect(adopted.body).toMatchObject({ id: record.id, status: 'InProgress' });
    await stack.advanceArmClock();
    const final = await pollUntil(() => stack.call('GET', `operations/${record.id}`), (a) => a.body?.status === 'Succeeded', 10_000);
    expect(final.body).toMatchObject({ status: 'Succeeded', kind: 'createCluster' });
    expect(await stack.armCalls('managedClusters.createOrUpdate')).toEqual({ received: 1, applied: 1 });
    const cluster = await stack.call('GET', `${CLUSTERS}/kill-between`);
    expect(cluster.body).toMatchObject({ provisioningState: 'Succeeded', nodePools: [{ name: 'system', count: 2 }] });
  });

  it('killed after the 202: the operations queue on the restarted host finishes it, with no second PUT and the write audited', async () => {
    await stack.admin('POST', 'counters/reset');
    const correlationId = randomUUID();
    const accepted = await stack.call('PUT', `${CLUSTERS}/kill-after`, smallCluster(), { 'x-correlation-id': correlationId });
    expect(accepted.status).toBe(202);
    await stack.killHost();
    await stack.startHost();
    await stack.advanceArmClock();

    // Nobody polls the API: the delayed queue message, picked up by the new host, checks the operation.
    const final = await pollUntil(() => stack.operation(accepted.body.id), (record) => record?.status === 'Succeeded', 15_000);
    expect(final).toMatchObject({ status: 'Succeeded', correlationId });
    expect(await stack.armCalls('managedClusters.createOrUpdate')).toEqual({ received: 1, applied: 1 });
    expect(await stack.auditOf(correlationId)).toEqual([
      expect.objectContaining({ action: 'putCluster', method: 'PUT', status: 202, outcome: 'succeeded', decision: 'allowed' }),
    ]);
  });
});
