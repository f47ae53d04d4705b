import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT, UnsecuredJWT, exportSPKI, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEV_TENANT_ID, startDevIssuer, type RunningDevIssuer } from '../../local/dev-issuer';
import { startLocalHost, type StartedHost } from '../support/localHost';
import { uniqueTablePrefix } from '../support/storage';

const AUDIENCE = 'api://fleetplane-e2e';
const OWNER = '0a000000-0000-4000-8000-000000000001';
const READER = '0a000000-0000-4000-8000-000000000002';
const ADMIN_A = '0a000000-0000-4000-8000-000000000003';
const SUB_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const SUB_B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const OTHER_TENANT = 'cccccccc-0000-4000-8000-00000000000c';

describe('identity and access through the local host', () => {
  let issuer: RunningDevIssuer;
  let host: StartedHost;
  const requests: { correlationId: string; method: string; status: number }[] = [];
  const token = (oid: string, extra: Record<string, unknown> = {}) =>
    issuer.signToken({ audience: AUDIENCE, oid, ...extra });

  async function call(method: string, route: string, bearer: string | undefined, body?: unknown, headers: Record<string, string> = {}) {
    const correlationId = `e2e-${requests.length}-${Math.random().toString(36).slice(2, 8)}`;
    const response = await fetch(`${host.origin}/api/${route}`, {
      method,
      headers: {
        'x-correlation-id': correlationId,
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    requests.push({ correlationId, method, status: response.status });
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined, correlationId };
  }

  const grant = (as: string, id: string, subject: string, role: string, scope: string) =>
    call('PUT', `roleBindings/${id}`, as, { subject: { kind: 'user', id: subject }, role, scope });

  beforeAll(async () => {
    issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-issuer-')) });
    host = await startLocalHost({
      env: {
        AzureWebJobsStorage: inject('storageConnectionString'),
        FLEETPLANE_TABLE_PREFIX: uniqueTablePrefix(),
        FLEETPLANE_DEV_ISSUER: issuer.issuerUrl,
        FLEETPLANE_AUTH_AUDIENCES: AUDIENCE,
        FLEETPLANE_BOOTSTRAP_OWNERS: `user:${OWNER}@${DEV_TENANT_ID}`,
      },
    });
  });
  afterAll(async () => {
    await host?.stop();
    await issuer?.close();
  });

  describe('authentication failures answer 401 with WWW-Authenticate: Bearer', () => {
    const expect401 = async (bearer: string | undefined, headers: Record<string, string> = {}) => {
      const response = await call('GET', 'whoami', bearer, undefined, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      return response.body as { code: string };
    };

    it('no token', async () => {
      expect((await expect401(undefined)).code).toBe('missing_token');
    });

    it('alg none', async () => {
      const unsigned = new UnsecuredJWT({ iss: issuer.issuerUrl, aud: AUDIENCE, tid: DEV_TENANT_ID, oid: OWNER })
        .setIssuedAt()
        .setExpirationTime('1h')
        .encode();
      expect((await expect401(unsigned)).code).toBe('bad_algorithm');
    });

    it('HS256 signed with the issuer public key', async () => {
      const jwks = (await (await fetch(issuer.jwksUrl)).json()) as { keys: JWK[] };
      const publicPem = await exportSPKI((await importJWK(jwks.keys[0]!, 'RS256')) as CryptoKey);
      const forged = await new SignJWT({ tid: DEV_TENANT_ID, oid: OWNER })
        .setProtectedHeader({ alg: 'HS256', kid: jwks.keys[0]!.kid! })
        .setIssuer(issuer.issuerUrl)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setNotBefore('0s')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(publicPem));
      expect((await expect401(forged)).code).toBe('bad_algorithm');
    });

    it('expired, not yet valid, wrong audience', async () => {
      expect((await expect401(await token(OWNER, { now: Date.now() - 3 * 3_600_000, expiresInSeconds: 60 }))).code).toBe('expired');
      expect((await expect401(await token(OWNER, { now: Date.now() + 3_600_000 }))).code).toBe('not_yet_valid');
      expect((await expect401(await issuer.signToken({ audience: 'api://someone-else', oid: OWNER }))).code).toBe('wrong_audience');
    });

    it('wrong tenant, and iss/tid mismatch', async () => {
      const foreign = await token(OWNER, {
        claims: { iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`, tid: OTHER_TENANT },
      });
      expect((await expect401(foreign)).code).toBe('untrusted_issuer');
      expect((await expect401(await token(OWNER, { tid: OTHER_TENANT }))).code).toBe('issuer_tenant_mismatch');
    });

    it('a forged x-ms-client-principal', async () => {
      const principal = Buffer.from(
        JSON.stringify({ auth_typ: 'aad', claims: [{ typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier', val: OWNER }] }),
      ).toString('base64');
      expect((await expect401(undefined, { 'x-ms-client-principal': principal })).code).toBe('untrusted_client_principal');
    });

    it('1,000 tokens with unknown key ids', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const statuses: number[] = [];
      for (let batch = 0; batch < 20; batch++) {
        const results = await Promise.all(
          Array.from({ length: 50 }, async (_, i) => {
            const jwt = await new SignJWT({ tid: DEV_TENANT_ID, oid: OWNER })
              .setProtectedHeader({ alg: 'RS256', kid: `unknown-${batch}-${i}` })
              .setIssuer(issuer.issuerUrl)
              .setAudience(AUDIENCE)
              .setIssuedAt()
              .setNotBefore('0s')
              .setExpirationTime('1h')
              .sign(privateKey);
            const response = await fetch(`${host.origin}/api/whoami`, { headers: { authorization: `Bearer ${jwt}` } });
            await response.arrayBuffer();
            return response.status;
          }),
        );
        statuses.push(...results);
      }
      expect(statuses).toHaveLength(1_000);
      expect(new Set(statuses)).toEqual(new Set([401]));
    });
  });

  describe('role bindings', () => {
    let owner: string;
    let reader: string;
    let adminA: string;

    beforeAll(async () => {
      [owner, reader, adminA] = await Promise.all([token(OWNER), token(READER), token(ADMIN_A)]);
    });

    it('the configured Owner can see who they are and grant roles', async () => {
      const me = await call('GET', 'whoami', owner);
      expect(me.status).toBe(200);
      expect(me.body.roles).toEqual([{ role: 'Owner', scope: 'tenant', bindingId: 'bootstrap-owner-1' }]);
      expect((await grant(owner, 'reader1', READER, 'Reader', 'tenant')).status).toBe(201);
      expect((await grant(owner, 'admin-a', ADMIN_A, 'Admin', `/subscriptions/${SUB_A}`)).status).toBe(201);
    });

    it('a Reader attempting any write gets 403', async () => {
      expect((await grant(reader, 'r-attempt', READER, 'Reader', 'tenant')).status).toBe(403);
      expect((await call('DELETE', 'roleBindings/reader1', reader)).status).toBe(403);
      expect((await call('GET', 'roleBindings/reader1', owner)).status).toBe(200);
    });

    it('an Admin granting Owner gets 403', async () => {
      const escalation = await grant(adminA, 'a-owner', ADMIN_A, 'Owner', `/subscriptions/${SUB_A}`);
      expect(escalation.status).toBe(403);
      expect(escalation.body.detail).toMatch(/escalation/);
    });

    it('a binding on subscription A reaches A (in any letter case) but not B', async () => {
      expect((await grant(adminA, 'a-op', READER, 'Operator', `/subscriptions/${SUB_A}/resourceGroups/rg1`)).status).toBe(201);
      const upper = await grant(adminA, 'a-op2', READER, 'Operator', `/SUBSCRIPTIONS/${SUB_A.toUpperCase()}/RESOURCEGROUPS/RG2`);
      expect(upper.status).toBe(201);
      expect((await grant(adminA, 'b-op', READER, 'Operator', `/subscriptions/${SUB_B}`)).status).toBe(403);
      expect((await grant(adminA, 'b-op2', READER, 'Operator', `/Subscriptions/${SUB_B.toUpperCase()}/resourceGroups/rg1`)).status).toBe(403);
    });

    it('lists only the bindings the caller administers', async () => {
      const mine = await call('GET', 'roleBindings', adminA);
      expect(mine.body.value.map((b: { id: string }) => b.id).sort()).toEqual(['a-op', 'a-op2', 'admin-a']);
      expect((await call('GET', 'roleBindings', reader)).body.value).toEqual([]);
    });

    it('rejects a stale If-Match with 412 and a bad body naming the field', async () => {
      const current = await call('GET', 'roleBindings/reader1', owner);
      const etag = current.headers.get('etag')!;
      const body = { subject: { kind: 'user', id: READER }, role: 'Operator', scope: 'tenant' };
      expect((await call('PUT', 'roleBindings/reader1', owner, body, { 'if-match': etag })).status).toBe(200);
      expect((await call('PUT', 'roleBindings/reader1', owner, body, { 'if-match': etag })).status).toBe(412);
      const bad = await call('PUT', 'roleBindings/bad1', owner, { subject: { kind: 'user', id: 'nope' }, role: 'King', scope: 'tenant' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['role', 'subject.id']);
    });

    it('keeps configured Owners out of reach of the API', async () => {
      expect((await call('DELETE', 'roleBindings/bootstrap-owner-1', owner)).status).toBe(409);
    });

    it('leaves an audit record for every mutating or denied request', async () => {
      const audited = new Set<string>();
      let route = `auditEvents?pageSize=200&from=${new Date(Date.now() - 3_600_000).toISOString()}`;
      for (;;) {
        const page = await call('GET', route, owner);
        expect(page.status).toBe(200);
        page.body.value.forEach((event: { correlationId: string }) => audited.add(event.correlationId));
        if (!page.body.nextLink) break;
        route = String(page.body.nextLink).split('/api/')[1]!;
      }
      const needAudit = requests.filter((r) => r.method !== 'GET' || r.status === 401 || r.status === 403);
      expect(needAudit.length).toBeGreaterThan(15);
      expect(needAudit.filter((r) => !audited.has(r.correlationId))).toEqual([]);
      expect((await call('GET', 'auditEvents', reader)).status).toBe(403);
    });

    it('never writes token material to the logs', () => {
      const output = host.output();
      expect(output).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
      expect(output).not.toMatch(/Bearer [A-Za-z0-9]/);
      expect(output).not.toContain('PRIVATE KEY');
    });
  });
});
