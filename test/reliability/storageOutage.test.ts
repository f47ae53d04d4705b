import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_TENANT_ID, startDevIssuer, type RunningDevIssuer } from '../../local/dev-issuer';
import { startLocalHost, type StartedHost } from '../support/localHost';
import { uniqueTablePrefix } from '../support/storage';
import { auditRecordsOf, fleetplaneCaller, type CallResult } from './support/fleetplaneCaller';
import { startPrivateAzurite, type PrivateAzurite } from './support/privateAzurite';

const AUDIENCE = 'api://fleetplane-reliability';
const OWNER = '0b000000-0000-4000-8000-000000000001';
const SUBJECT = '0b000000-0000-4000-8000-000000000002';
/** A clear answer, well before the 45 s and more a frozen Azurite used to hold a request (default deadline 4 s). */
const CLEAR_ANSWER_MS = 8_000;

/**
 * §5.8 F7 / W5: Azurite stopped, restarted and frozen under a running local host with the app's default storage
 * deadlines. Each answer is a clear 503 + Retry-After problem (never a 500, a hang, a 403 or a stale 200 from
 * bindings that could not be read), a refused write leaves nothing behind, and once storage is back every
 * accepted write is in storage and in the audit trail exactly once.
 */
describe('storage outage through the local host (F7, W5)', () => {
  let azurite: PrivateAzurite;
  let issuer: RunningDevIssuer;
  let host: StartedHost;
  let owner: string;
  const call = fleetplaneCaller(() => host.origin);
  const binding = { subject: { kind: 'user', id: SUBJECT }, role: 'Reader', scope: 'tenant' };

  beforeAll(async () => {
    [azurite, issuer] = await Promise.all([
      startPrivateAzurite(),
      startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-issuer-')) }),
    ]);
    host = await startLocalHost({
      env: {
        AzureWebJobsStorage: azurite.connectionString,
        FLEETPLANE_TABLE_PREFIX: uniqueTablePrefix(),
        FLEETPLANE_DEV_ISSUER: issuer.issuerUrl,
        FLEETPLANE_AUTH_AUDIENCES: AUDIENCE,
        FLEETPLANE_BOOTSTRAP_OWNERS: `user:${OWNER}@${DEV_TENANT_ID}`,
        LOCAL_HOST_TIMERS: 'false',
      },
    });
    owner = await issuer.signToken({ audience: AUDIENCE, oid: OWNER });
  }, 60_000);
  afterAll(async () => {
    await host?.stop();
    await issuer?.close();
    await azurite?.dispose();
  });

  function expectStorageUnavailable(result: CallResult): void {
    expect(result.status).toBe(503);
    expect(result.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(result.body).toMatchObject({ status: 503, dependency: 'storage', correlationId: result.correlationId });
    expect(result.elapsedMs).toBeLessThan(CLEAR_ANSWER_MS);
  }

  it('stopped, then restarted under a write in flight: 503 + Retry-After while down, 200 once back, nothing half-done', async () => {
    await azurite.stop();
    let refused: CallResult;
    let duringRestart: CallResult;
    try {
      expectStorageUnavailable(await call('GET', 'whoami', owner));
      refused = await call('PUT', 'roleBindings/refused-while-down', owner, binding);
      expectStorageUnavailable(refused);
    } finally {
      [duringRestart] = await Promise.all([call('PUT', 'roleBindings/during-restart', owner, binding), azurite.start()]);
    }
    expect((await call('GET', 'whoami', owner)).status).toBe(200);
    expect((await call('GET', 'roleBindings/refused-while-down', owner)).status).toBe(404);
    expect(await auditRecordsOf(call, owner, refused.correlationId)).toEqual([]);

    expect([201, 503]).toContain(duringRestart.status);
    const stored = await call('GET', 'roleBindings/during-restart', owner);
    const records = await auditRecordsOf(call, owner, duringRestart.correlationId);
    if (duringRestart.status === 201) {
      expect(stored.status).toBe(200);
      expect(records.map((r) => r.outcome)).toEqual(['succeeded']);
    } else {
      expectStorageUnavailable(duringRestart);
      expect(stored.status).toBe(404);
      expect(records.filter((r) => r.outcome === 'succeeded')).toEqual([]);
    }
  });

  it('back up: a write is applied and audited exactly once, with no pending record left', async () => {
    const accepted = await call('PUT', 'roleBindings/after-outage', owner, binding);
    expect(accepted.status).toBe(201);
    const records = await auditRecordsOf(call, owner, accepted.correlationId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ decision: 'allowed', outcome: 'succeeded', status: 201 });
  });

  it('frozen (SIGSTOP): whoami answers 503 + Retry-After at the deadline instead of hanging; thawed, 200', async () => {
    // A binding write makes this instance read the bindings from storage again for its next decision.
    expect((await call('PUT', 'roleBindings/before-freeze', owner, binding)).status).toBe(201);
    azurite.freeze();
    try {
      expectStorageUnavailable(await call('GET', 'whoami', owner));
    } finally {
      azurite.thaw();
    }
    expect((await call('GET', 'whoami', owner)).status).toBe(200);
  });
});
