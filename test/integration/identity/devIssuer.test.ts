import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTokenValidator, type TokenValidatorOptions } from '../../../shared/platform/identity';
import {
  DEV_API_CLIENT_ID,
  DEV_SIGNING_KEY_FILE,
  DEV_TENANT_ID,
  DEV_USER_OBJECT_ID,
  devIssuerTrust,
  loadOrCreateDevSigningKey,
  runTokenCli,
  signDevToken,
  startDevIssuer,
  type RunningDevIssuer,
} from '../../../local/dev-issuer';
import { expectRejection } from './support/expectRejection';

const ENTRA_TENANT = '11111111-1111-4111-8111-111111111111';
const SCOPE = '/subscriptions/aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa/resourceGroups/rg-prod';

let dir: string;
let issuer: RunningDevIssuer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fleetplane-dev-issuer-'));
  issuer = await startDevIssuer({ port: 0, dir });
});
afterAll(async () => {
  await issuer.close();
  await rm(dir, { recursive: true, force: true });
});

/** The same validator as for Entra, with the dev issuer as one more trusted issuer. */
function localModeValidator(overrides: Partial<TokenValidatorOptions> = {}) {
  return createTokenValidator({
    trustedTenants: [ENTRA_TENANT],
    audiences: [DEV_API_CLIENT_ID],
    extraIssuers: [devIssuerTrust(issuer.port)],
    acceptDevScopeClaim: true,
    ...overrides,
  });
}

describe('startDevIssuer', () => {
  it('serves Entra-shaped v2 metadata and a JWKS on loopback', async () => {
    expect(issuer.issuerUrl).toBe(`http://127.0.0.1:${issuer.port}/${DEV_TENANT_ID}/v2.0`);
    const metadata = (await (await fetch(issuer.metadataUrl)).json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({ issuer: issuer.issuerUrl, jwks_uri: issuer.jwksUrl });
    const jwks = (await (await fetch(issuer.jwksUrl)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    expect((await fetch(`http://127.0.0.1:${issuer.port}/other`)).status).toBe(404);
    expect((await fetch(issuer.jwksUrl, { method: 'POST' })).status).toBe(405);
  });

  it('refuses to listen off loopback', async () => {
    await expect(startDevIssuer({ port: 0, host: '0.0.0.0', dir })).rejects.toThrow(/loopback/);
  });

  it('persists its key (mode 0600) and reuses it after a restart', async () => {
    const before = await loadOrCreateDevSigningKey(dir);
    const token = await issuer.signToken({ audience: DEV_API_CLIENT_ID, role: 'Reader' });
    const restarted = await startDevIssuer({ port: 0, dir });
    try {
      expect((await loadOrCreateDevSigningKey(dir)).kid).toBe(before.kid);
      expect(statSync(path.join(dir, DEV_SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
      const jwks = (await (await fetch(restarted.jwksUrl)).json()) as { keys: { kid: string }[] };
      expect(jwks.keys[0]?.kid).toBe(before.kid);
      // The token names the first issuer's port; it still validates against that issuer.
      await expect(localModeValidator().validate(`Bearer ${token}`)).resolves.toMatchObject({
        appRoles: ['Fleet.Reader'],
      });
    } finally {
      await restarted.close();
    }
  });
});

describe('dev tokens go through the same validator as Entra tokens', () => {
  it('an Owner dev token yields the dev caller with the Fleet.Owner app role', async () => {
    const token = await issuer.signToken({ audience: DEV_API_CLIENT_ID, role: 'Owner' });
    const caller = await localModeValidator().validate(`Bearer ${token}`);
    expect(caller).toMatchObject({
      tenantId: DEV_TENANT_ID,
      objectId: DEV_USER_OBJECT_ID,
      kind: 'user',
      appRoles: ['Fleet.Owner'],
      groupsOverage: false,
      authMethod: 'jwt',
    });
    expect(caller.devScope).toBeUndefined();
  });

  it('the scope claim becomes devScope only when accepted for the dev issuer', async () => {
    const token = await issuer.signToken({
      audience: DEV_API_CLIENT_ID,
      role: 'Operator',
      scope: SCOPE.replace('resourceGroups', 'RESOURCEGROUPS'),
    });
    expect((await localModeValidator().validate(`Bearer ${token}`)).devScope).toBe(SCOPE);
    expect(
      (await localModeValidator({ acceptDevScopeClaim: false }).validate(`Bearer ${token}`)).devScope,
    ).toBeUndefined();
  });

  it('is untrusted where the dev issuer is not configured (deployed mode)', async () => {
    const token = await issuer.signToken({ audience: DEV_API_CLIENT_ID, role: 'Owner' });
    await expectRejection(
      localModeValidator({ extraIssuers: [] }).validate(`Bearer ${token}`),
      'untrusted_issuer',
      token,
    );
  });

  it.each<
    [
      string,
      Parameters<RunningDevIssuer['signToken']>[0],
      'wrong_audience' | 'issuer_tenant_mismatch' | 'expired' | 'missing_claim',
    ]
  >([
    ['another audience', { audience: 'api://someone-else' }, 'wrong_audience'],
    [
      'a tid that is not the dev tenant',
      { audience: DEV_API_CLIENT_ID, tid: ENTRA_TENANT },
      'issuer_tenant_mismatch',
    ],
    ['an expired token', { audience: DEV_API_CLIENT_ID, now: Date.now() - 3 * 3600 * 1000 }, 'expired'],
    ['a non-GUID oid', { audience: DEV_API_CLIENT_ID, oid: 'alice' }, 'missing_claim'],
  ])('%s is rejected', async (_label, options, reason) => {
    const token = await issuer.signToken(options);
    await expectRejection(localModeValidator().validate(`Bearer ${token}`), reason, token);
  });

  it('signDevToken refuses unknown roles, malformed scopes and unbounded lifetimes', async () => {
    await expect(signDevToken({ audience: 'a', role: 'God' as 'Owner' }, dir)).rejects.toThrow(/role/);
    await expect(signDevToken({ audience: 'a', scope: '/subscriptions/x' }, dir)).rejects.toThrow(/GUID/);
    await expect(signDevToken({ audience: 'a', expiresInSeconds: 7 * 24 * 3600 }, dir)).rejects.toThrow(
      /expiresInSeconds/,
    );
  });
});

describe('token CLI', () => {
  let stdout: string[];
  let stderr: string[];
  const output = { stdout: (line: string) => stdout.push(line), stderr: (line: string) => stderr.push(line) };
  afterEach(() => {
    stdout = [];
    stderr = [];
  });
  stdout = [];
  stderr = [];

  it('prints only the token, as the last stdout line, and the token validates', async () => {
    const oid = '99999999-9999-4999-8999-999999999999';
    const code = await runTokenCli(
      ['--role', 'Admin', '--scope', SCOPE, '--oid', oid, '--port', String(issuer.port), '--dir', dir],
      {},
      output,
    );
    expect(code).toBe(0);
    expect(stdout).toHaveLength(1);
    const token = stdout[0]!;
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stderr.join('\n')).not.toContain(token);
    const caller = await localModeValidator().validate(`Bearer ${token}`);
    expect(caller).toMatchObject({ objectId: oid, appRoles: ['Fleet.Admin'], devScope: SCOPE });
  });

  it('reads the audience and port from the environment', async () => {
    const env = {
      FLEETPLANE_AUTH_AUDIENCES: `${DEV_API_CLIENT_ID},api://x`,
      FLEETPLANE_DEV_ISSUER_PORT: String(issuer.port),
      FLEETPLANE_DEV_ISSUER_DIR: dir,
    };
    expect(await runTokenCli(['--role', 'Reader'], env, output)).toBe(0);
    await expect(localModeValidator().validate(`Bearer ${stdout.at(-1)!}`)).resolves.toMatchObject({
      appRoles: ['Fleet.Reader'],
    });
  });

  it.each([
    [['--role', 'Superuser']],
    [['--scope', '/subscriptions/nope']],
    [['--oid', 'alice']],
    [['--port', 'eighty']],
    [['--unknown']],
    [['positional']],
  ])('%j → exit code 2, nothing on stdout', async (argv) => {
    expect(await runTokenCli(argv, { FLEETPLANE_DEV_ISSUER_DIR: dir }, output)).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr.join('\n')).toMatch(/Usage/);
  });
});
