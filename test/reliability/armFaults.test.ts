import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clusterPath, raw, withApi } from '../emulator/harness';
import { ArmFaultStack, CLUSTERS, clusterTarget, pollUntil, smallCluster, type Answer } from './support/armFaultStack';

/**
 * ARM fault rows of the §5.8 plan (F1–F4, F12) through the local host, Azurite and the AKS emulator with faults
 * set through its admin API. Each asserts a clear answer, nothing applied twice (the emulator's counters of
 * requests received and writes taken), the operation's final state and the audit record.
 */
describe('ARM faults through the fleet API (local host, Azurite, AKS emulator)', () => {
  const stack = new ArmFaultStack({
    FLEETPLANE_ARM_TRY_TIMEOUT_MS: '2000',
    FLEETPLANE_ARM_CALL_DEADLINE_MS: '2500',
    FLEETPLANE_HTTP_ARM_DEADLINE_MS: '4000',
    FLEETPLANE_SUBMISSION_GRACE_MS: '5000',
  });

  beforeAll(async () => {
    await stack.start();
    expect((await stack.call('PUT', `${CLUSTERS}/base`, smallCluster())).status).toBe(202);
    await stack.advanceArmClock();
  }, 60_000);
  afterEach(() => stack.admin('DELETE', 'faults'));
  afterAll(() => stack.stop());

  /** A write with its own correlation id, from counters reset to zero. */
  async function write(method: string, route: string, body?: unknown): Promise<Answer & { correlationId: string }> {
    await stack.admin('POST', 'counters/reset');
    const correlationId = randomUUID();
    return { ...(await stack.call(method, route, body, { 'x-correlation-id': correlationId })), correlationId };
  }

  async function expectAudited(correlationId: string, status: number): Promise<void> {
    expect(await stack.auditOf(correlationId)).toEqual([
      expect.objectContaining({ method: expect.any(String), status, outcome: status < 400 ? 'succeeded' : 'failed', decision: 'allowed' }),
    ]);
  }

  async function finish(operationId: string, status: string): Promise<Answer> {
    await stack.advanceArmClock();
    return pollUntil(() => stack.call('GET', `operations/${operationId}`), (a) => a.body?.status === status, 10_000);
  }

  describe('F1 ARM 429', () => {
    it('with Retry-After: 1 — the SDK waits inside the deadline and the read succeeds', async () => {
      await stack.admin('POST', 'counters/reset');
      await stack.injectFault({ kind: 'throttle', operation: 'managedClusters.get', retryAfterSeconds: 1, remaining: 1 });
      const read = await stack.call('GET', `${CLUSTERS}/base`);
      expect(read.status).toBe(200);
      expect(read.ms).toBeGreaterThanOrEqual(900);
      expect((await stack.armCalls('managedClusters.get')).received).toBe(2);
    });

    it('without Retry-After on a write — 503 + Retry-After at once, the operation closed, nothing applied', async () => {
      await stack.injectFault({ kind: 'error', status: 429, code: 'TooManyRequests', operation: 'managedClusters.createOrUpdate', remaining: 1 });
      const answer = await write('PUT', `${CLUSTERS}/throttled`, smallCluster());
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('10');
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ status: 503, dependency: 'Azure Resource Manager' });
      expect(await stack.armCalls('managedClusters.createOrUpdate')).toEqual({ received: 1, applied: 0 });
      expect(await stack.activeOperationsOf(clusterTarget('throttled'))).toEqual([]);
      await expectAudited(answer.correlationId, 503);
    });
  });

  describe('F2 ARM Retry-After: 3600', () => {
    it('on a write — answered at once as 503 with Retry-After: 3600, never slept on', async () => {
      await stack.injectFault({ kind: 'throttle', operation: 'managedClusters.createOrUpdate', retryAfterSeconds: 3600, remaining: 1 });
      const answer = await write('PUT', `${CLUSTERS}/slow-throttle`, smallCluster());
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('3600');
      expect(answer.ms).toBeLessThan(1_500);
      expect(await stack.armCalls('managedClusters.createOrUpdate')).toEqual({ received: 1, applied: 0 });
      await expectAudited(answer.correlationId, 503);
    });

    it('on the poll of a running operation — the check ends at once and the operation stays tracked until ARM answers', async () => {
      const accepted = await write('PUT', `${CLUSTERS}/poll-throttle`, smallCluster());
      expect(accepted.status).toBe(202);
      await stack.injectFault({ kind: 'throttle', operation: 'operationStatus.get', retryAfterSeconds: 3600 });
      const check = await stack.call('GET', `operations/${accepted.body.id}`);
      expect(check.status).toBe(200);
      expect(check.body.status).toBe('InProgress');
      expect(check.ms).toBeLessThan(1_500);
      await stack.admin('DELETE', 'faults');
      expect((await finish(accepted.body.id, 'Succeeded')).body.status).toBe('Succeeded');
      expect(await stack.armCalls('managedClusters.createOrUpdate')).toEqual({ received: 1, applied: 1 });
    });
  });

  describe('F3 ARM 5xx', () => {
    it('500 once, then 200 — the SDK retries: one 202, exactly one effective PUT', async () => {
      await stack.injectFault({ kind: 'error', status: 500, operation: 'managedClusters.createOrUpdate', remaining: 1 });
      const answer = await write('PUT', `${CLUSTERS}/flaky`, smallCluster());
      expect(answer.status).toBe(202);
      expect(await stack.armCalls('managedClusters.createOrUpdate')).toEqual({ received: 2, applied: 1 });
      expect((await finish(answer.body.id, 'Succeeded')).body.status).toBe('Succeeded');
      await expectAudited(answer.correlationId, 202);
    });

    it('500 five times — 503 + Retry-After within the deadline, nothing applied; the caller retries later: exactly one effective PUT', async () => {
      await stack.injectFault({ kind: 'error', status: 500, operation: 'managedClusters.createOrUpdate', remaining: 5 });
      const refused = await write('PUT', `${CLUSTERS}/down`, smallCluster());
      expect(refused.status).toBe(503);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.ms).toBeLessThan(4_000);
      expect((await stack.armCalls('managedClusters.createOrUpdate')).applied).toBe(0);
      await expectAudited(refused.correlationId, 503);

      await stack.admin('DELETE', 'faults');
      const retried = await stack.call('PUT', `${CLUSTERS}/down`, smallCluster());
      expect(retried.status).toBe(202);
      expect((await stack.armCalls('managedClusters.createOrUpdate')).applied).toBe(1);
      expect((await finish(retried.body.id, 'Succeeded')).body.status).toBe('Succeeded');
    });
  });

  describe('F4 operations that end badly in ARM', () => {
    it('an LRO that ends Failed — the operation is Failed with ARM\'s code and message', async () => {
      await stack.injectFault({ kind: 'lroFailure', operation: 'managedClusters.createOrUpdate', code: 'QuotaExceeded', message: 'Regional vCPU quota exceeded.', remaining: 1 });
      const answer = await write('PUT', `${CLUSTERS}/lro-failed`, smallCluster());
      expect(answer.status).toBe(202);
      const final = await finish(answer.body.id, 'Failed');
      expect(final.body).toMatchObject({ status: 'Failed', error: { code: 'QuotaExceeded', message: 'Regional vCPU quota exceeded.' } });
      expect(await stack.armCalls('managedClusters.createOrUpdate')).toEqual({ received: 1, applied: 1 });
      await expectAudited(answer.correlationId, 202);
    });

    it('an LRO canceled in Azure — the operation is Canceled, not polled for ever', async () => {
      const answer = await write('PUT', `${CLUSTERS}/lro-canceled`, smallCluster());
      expect(answer.status).toBe(202);
      const abort = await raw(stack.emulator, 'POST', withApi(`${clusterPath('rg-reliability', 'lro-canceled')}/abort`));
      expect(abort.status).toBeLessThan(300);
      expect((await finish(answer.body.id, 'Canceled')).body.status).toBe('Canceled');
    });

    it('409 OperationNotAllowed while another operation runs — 409 with AKS\'s code, nothing applied, the operation closed', async () => {
      const first = await write('PUT', `${CLUSTERS}/busy`, smallCluster());
      expect(first.status).toBe(202);
      const second = await write('PUT', `${CLUSTERS}/busy`, smallCluster({ tags: { change: 'second' } }));
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ status: 409, code: 'OperationNotAllowed' });
      expect(await stack.armCalls('managedClusters.createOrUpdate')).toEqual({ received: 1, applied: 0 });
      await expectAudited(second.correlationId, 409);
      expect((await finish(first.body.id, 'Succeeded')).body.status).toBe('Succeeded');
    });
  });

  describe('F12 ARM latency beyond the deadline on a synchronous endpoint', () => {
    it('a hung read answers 503 + Retry-After before the deadline', async () => {
      await stack.injectFault({ kind: 'hang', operation: 'managedClusters.get' });
      const read = await stack.call('GET', `${CLUSTERS}/base`);
      expect(read.status).toBe(503);
      expect(read.headers.get('retry-after')).toBe('10');
      expect(read.ms).toBeLessThan(4_000);
    });

    it('a write whose answer outlives the request deadline answers 202 + Operation-Location in time; the change is adopted, not re-sent', async () => {
      await stack.injectFault({ kind: 'latency', operation: 'managedClusters.get', latencyMs: 1_800, remaining: 1 });
      await stack.injectFault({ kind: 'slowResponse', operation: 'managedClusters.createOrUpdate', latencyMs: 60_000, remaining: 1 });
      const answer = await write('PUT', `${CLUSTERS}/slow-arm`, smallCluster());
      expect(answer.status).toBe(202);
      expect(answer.ms).toBeLessThan(5_000); // the 4 s request deadline, plus recording the operation
      expect(answer.headers.get('operation-location')).toContain(`/api/operations/${answer.body.id}`);
      expect(answer.body.status).toBe('Accepted');
      await expectAudited(answer.correlationId, 202);

      const adopted = await stack.call('GET', `operations/${answer.body.id}`);
      expect(adopted.body.status).toBe('InProgress');
      expect((await finish(answer.body.id, 'Succeeded')).body.status).toBe('Succeeded');
      expect(await stack.armCalls('managedClusters.createOrUpdate')).toEqual({ received: 1, applied: 1 });
    });
  });
});
