import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEV_TENANT_ID, devIssuerUrls, signDevToken, startDevIssuer, type RunningDevIssuer } from '../../local/dev-issuer';
import { startLocalHost, type StartedHost } from '../support/localHost';
import { uniqueTablePrefix } from '../support/storage';
import { auditRecordsOf, fleetplaneCaller } from './support/fleetplaneCaller';

const AUDIENCE = 'api://fleetplane-reliability';
const OWNER = '0d000000-0000-4000-8000-000000000001';
const MINUTE_MS = 60_000;

function hostEnv(issuerUrl: string): Record<string, string> {
  return {
    AzureWebJobsStorage: inject('storageConnectionString'),
    FLEETPLANE_TABLE_PREFIX: uniqueTablePrefix(),
    FLEETPLANE_DEV_ISSUER: issuerUrl,
    FLEETPLANE_AUTH_AUDIENCES: AUDIENCE,
    FLEETPLANE_BOOTSTRAP_OWNERS: `user:${OWNER}@${DEV_TENANT_ID}`,
    LOCAL_HOST_TIMERS: 'false',
    LOCAL_HOST_QUEUES: 'false',
  };
}

/** A loopback port nothing listens on (bound, then released). */
async function refusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * §5.8 F10 and A10 through the local host: the token issuer's clock ±10 minutes off the host's (the documented
 * 300 s skew decides), and the issuer's key endpoint down before and after the host cached its keys.
 */
describe('token issuer clock and outages (F10, A10)', () => {
  let issuer: RunningDevIssuer;
  let host: StartedHost;
  const call = fleetplaneCaller(() => host.origin);
  const tokenAt = (offsetMs: number, expiresInSeconds = 3_600) =>
    issuer.signToken({ audience: AUDIENCE, oid: OWNER, now: Date.now() + offsetMs, expiresInSeconds });

  beforeAll(async () => {
    issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-issuer-')) });
    host = await startLocalHost({ env: hostEnv(issuer.issuerUrl) });
  }, 60_000);
  afterAll(async () => {
    await host?.stop();
    await issuer?.close().catch(() => undefined); // A10 closes it on purpose
  });

  describe('F10: issuer clock ahead of or behind the host', () => {
    it('ahead by 4 min: accepted (inside the 300 s skew); ahead by 10 min: 401 not_yet_valid, audited', async () => {
      expect((await call('GET', 'whoami', await tokenAt(4 * MINUTE_MS))).status).toBe(200);
      const early = await call('GET', 'whoami', await tokenAt(10 * MINUTE_MS));
      expect(early.status).toBe(401);
      expect(early.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(early.body).toMatchObject({ code: 'not_yet_valid', status: 401 });
      const owner = await tokenAt(0);
      expect((await auditRecordsOf(call, owner, early.correlationId)).map((r) => r.decision)).toEqual(['unauthenticated']);
    });

    it('behind by 10 min: a token that expired 2 min ago by our clock is accepted, one that expired 5 min ago is 401 expired', async () => {
      expect((await call('GET', 'whoami', await tokenAt(-10 * MINUTE_MS, 8 * 60))).status).toBe(200);
      const late = await call('GET', 'whoami', await tokenAt(-10 * MINUTE_MS, 5 * 60));
      expect(late.status).toBe(401);
      expect(late.body).toMatchObject({ code: 'expired' });
    });
  });

  describe('A10: the key endpoint down', () => {
    it('after the keys are cached: tokens still validate', async () => {
      expect((await call('GET', 'whoami', await tokenAt(0))).status).toBe(200);
      await issuer.close();
      expect((await call('GET', 'whoami', await tokenAt(0))).status).toBe(200);
    });

    it('at cold start, before any key was fetched: 503 + Retry-After, never 401 or 200', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'fleetplane-issuer-'));
      const { issuerUrl } = devIssuerUrls(await refusedPort());
      const cold = await startLocalHost({ env: hostEnv(issuerUrl) });
      try {
        const token = await signDevToken({ audience: AUDIENCE, oid: OWNER, issuerUrl }, dir);
        const answer = await fleetplaneCaller(() => cold.origin)('GET', 'whoami', token);
        expect(answer.status).toBe(503);
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(answer.body).toMatchObject({ code: 'key_source_unavailable', status: 503 });
      } finally {
        await cold.stop();
      }
    });
  });
});
