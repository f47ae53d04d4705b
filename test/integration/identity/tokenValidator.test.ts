import { randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTokenValidator, type TokenValidatorOptions } from '../../../shared/platform/identity';
import {
  createSigningKey,
  signToken,
  startFakeEntra,
  type FakeEntra,
  type SigningKey,
} from './support/fakeEntra';
import { expectRejection } from './support/expectRejection';

const TENANT_A = '11111111-1111-4111-8111-111111111111';
const TENANT_B = '22222222-2222-4222-8222-222222222222';
const UNTRUSTED_TENANT = '33333333-3333-4333-8333-333333333333';
const API_CLIENT_ID = '44444444-4444-4444-8444-444444444444';
const API_APP_ID_URI = 'api://fleetplane';
const USER_OID = '55555555-5555-4555-8555-555555555555';
const COOLDOWN_MS = 30_000;

let entra: FakeEntra;
let currentKey: SigningKey;
let attackerKey: SigningKey;
let rotatedKey: SigningKey;
let unrelatedKey: SigningKey;
let clock: { now: number };

beforeAll(async () => {
  [currentKey, attackerKey, rotatedKey, unrelatedKey] = await Promise.all([
    createSigningKey('key-1'),
    createSigningKey('key-1'),
    createSigningKey('key-2'),
    createSigningKey('key-3'),
  ]);
  entra = await startFakeEntra([currentKey]);
});
afterAll(() => entra.close());
beforeEach(() => {
  clock = { now: Date.UTC(2026, 10, 27, 12, 0, 0) };
  entra.publishedKeys = [currentKey];
  entra.failWith = undefined;
  entra.metadataIssuerOverride = undefined;
  entra.jwksUriOverride = undefined;
  entra.requests.length = 0;
});

function validator(overrides: Partial<TokenValidatorOptions> = {}) {
  return createTokenValidator({
    trustedTenants: [TENANT_A, TENANT_B],
    audiences: [API_CLIENT_ID, API_APP_ID_URI],
    authorityHost: entra.authority,
    allowHttpOnLoopback: true,
    jwksCooldownMs: COOLDOWN_MS,
    now: () => clock.now,
    ...overrides,
  });
}

const seconds = () => Math.floor(clock.now / 1000);
const v2Issuer = (tenant: string) => `${entra.authority}/${tenant}/v2.0`;

function claims(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: v2Issuer(TENANT_A),
    aud: API_CLIENT_ID,
    tid: TENANT_A,
    oid: USER_OID,
    sub: 'pairwise-subject',
    iat: seconds() - 60,
    nbf: seconds() - 60,
    exp: seconds() + 3600,
    ver: '2.0',
    azp: '66666666-6666-4666-8666-666666666666',
    scp: 'access_as_user',
    roles: ['Fleet.Operator'],
    groups: ['77777777-7777-4777-8777-77777777777A'],
    name: 'Alice',
    ...overrides,
  };
}

const bearer = (token: string) => `Bearer ${token}`;

describe('accepted tokens', () => {
  it('a v2 token from a trusted tenant yields the caller keyed by (tid, oid)', async () => {
    const caller = await validator().validate(bearer(await signToken(currentKey, claims())));
    expect(caller).toEqual({
      tenantId: TENANT_A,
      objectId: USER_OID,
      kind: 'user',
      displayName: 'Alice',
      appRoles: ['Fleet.Operator'],
      groups: ['77777777-7777-4777-8777-77777777777a'],
      groupsOverage: false,
      scopes: ['access_as_user'],
      clientAppId: '66666666-6666-4666-8666-666666666666',
      authMethod: 'jwt',
    });
    expect(entra.metadataFetches()).toBe(1);
    expect(entra.jwksFetches()).toBe(1);
  });

  it('a v1 token (sts.windows.net issuer, App ID URI audience) is accepted; app-only tokens are service principals', async () => {
    const v1 = claims({
      iss: `https://sts.windows.net/${TENANT_B}/`,
      tid: TENANT_B,
      aud: API_APP_ID_URI,
      ver: '1.0',
      scp: undefined,
      azp: undefined,
      appid: 'client-app',
    });
    const caller = await validator().validate(bearer(await signToken(currentKey, v1)));
    expect(caller).toMatchObject({
      tenantId: TENANT_B,
      kind: 'servicePrincipal',
      clientAppId: 'client-app',
      scopes: [],
    });
    expect(entra.requests).toContain(`/${TENANT_B}/.well-known/openid-configuration`);
  });

  it('uses the injected fetch for metadata and keys', async () => {
    const fetched: string[] = [];
    const subject = validator({
      fetch: (input, init) => {
        fetched.push(new URL(input).pathname);
        return fetch(input, init);
      },
    });
    await subject.validate(bearer(await signToken(currentKey, claims())));
    expect(fetched).toEqual([
      `/${TENANT_A}/v2.0/.well-known/openid-configuration`,
      `/${TENANT_A}/discovery/v2.0/keys`,
    ]);
  });

  it('keys are cached: many tokens, one metadata and one JWKS fetch', async () => {
    const subject = validator();
    for (let index = 0; index < 20; index += 1) {
      await subject.validate(bearer(await signToken(currentKey, claims({ oid: randomUUID() }))));
    }
    expect(entra.jwksFetches()).toBe(1);
  });

  it('a token 2 minutes past exp is accepted within the default 300 s skew, but not with 0 s', async () => {
    const token = await signToken(currentKey, claims({ exp: seconds() - 120 }));
    await expect(validator().validate(bearer(token))).resolves.toMatchObject({ objectId: USER_OID });
    await expectRejection(validator({ clockToleranceSeconds: 0 }).validate(bearer(token)), 'expired', token);
  });
});

describe('the Authorization header', () => {
  it.each([
    [null, 'missing_token'],
    ['', 'missing_token'],
    ['Basic dXNlcjpwYXNz', 'unsupported_scheme'],
    ['Bearer', 'malformed'],
    ['Bearer not-a-jwt', 'malformed'],
    ['Bearer a.b.c, Bearer d.e.f', 'repeated_header'],
    // How the Functions host hands two Authorization lines to the worker.
    ['Bearer a.b.c,Bearer d.e.f', 'repeated_header'],
    [`Bearer ${'a'.repeat(9000)}.b.c`, 'malformed'],
    ['Bearer eyJub3QiOiJqc29u.eyJ9.sig', 'malformed'],
  ] as const)('%j → %s, without any fetch', async (header, reason) => {
    await expectRejection(validator().validate(header), reason);
    expect(entra.requests).toEqual([]);
  });
});

describe('rejected tokens (acceptance cases)', () => {
  it('alg none → bad_algorithm, no key fetch', async () => {
    const token = new UnsecuredJWT(claims()).encode();
    await expectRejection(validator().validate(bearer(token)), 'bad_algorithm', token);
    expect(entra.requests).toEqual([]);
  });

  it('HS256 signed with the RSA public key as the secret → bad_algorithm, no key fetch', async () => {
    const secret = new TextEncoder().encode(currentKey.publicPem);
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256', kid: currentKey.kid })
      .sign(secret);
    await expectRejection(validator().validate(bearer(token)), 'bad_algorithm', token);
    expect(entra.requests).toEqual([]);
  });

  it.each(['RS384', 'PS256', 'ES256'])('other algorithms (%s in the header) → bad_algorithm', async (alg) => {
    const [, payload, signature] = (await signToken(currentKey, claims())).split('.');
    const header = Buffer.from(JSON.stringify({ alg, kid: currentKey.kid })).toString('base64url');
    await expectRejection(validator().validate(bearer(`${header}.${payload}.${signature}`)), 'bad_algorithm');
  });

  it('expired 10 minutes ago → expired', async () => {
    const token = await signToken(currentKey, claims({ exp: seconds() - 600 }));
    await expectRejection(validator().validate(bearer(token)), 'expired', token);
  });

  it('not valid for another 10 minutes → not_yet_valid', async () => {
    const token = await signToken(currentKey, claims({ nbf: seconds() + 600 }));
    await expectRejection(validator().validate(bearer(token)), 'not_yet_valid', token);
  });

  it.each(['https://management.azure.com', '00000003-0000-0000-c000-000000000000', 'api://other'])(
    'audience %s → wrong_audience',
    async (aud) => {
      const token = await signToken(currentKey, claims({ aud }));
      await expectRejection(validator().validate(bearer(token)), 'wrong_audience', token);
    },
  );

  it('a tenant outside the allowlist → untrusted_issuer, without fetching its metadata', async () => {
    const token = await signToken(
      currentKey,
      claims({ iss: v2Issuer(UNTRUSTED_TENANT), tid: UNTRUSTED_TENANT }),
    );
    await expectRejection(validator().validate(bearer(token)), 'untrusted_issuer', token);
    expect(entra.requests).toEqual([]);
  });

  it.each([
    ['the common endpoint form', (authority: string) => `${authority}/common/v2.0`],
    ['a v2 issuer without the /v2.0 suffix', (authority: string) => `${authority}/${TENANT_A}`],
    ['the production authority', () => `https://login.microsoftonline.com/${TENANT_A}/v2.0`],
    ['a trailing slash on v2', (authority: string) => `${authority}/${TENANT_A}/v2.0/`],
    ['no trailing slash on v1', () => `https://sts.windows.net/${TENANT_A}`],
  ])('issuer in %s → untrusted_issuer', async (_label, issuer) => {
    const token = await signToken(currentKey, claims({ iss: issuer(entra.authority) }));
    await expectRejection(validator().validate(bearer(token)), 'untrusted_issuer', token);
  });

  it('a v1 issuer when only v2 is configured → untrusted_issuer', async () => {
    const token = await signToken(currentKey, claims({ iss: `https://sts.windows.net/${TENANT_A}/` }));
    await expectRejection(
      validator({ tokenVersions: ['v2'] }).validate(bearer(token)),
      'untrusted_issuer',
      token,
    );
  });

  it('iss of tenant A with tid of tenant B (both trusted) → issuer_tenant_mismatch', async () => {
    const token = await signToken(currentKey, claims({ iss: v2Issuer(TENANT_A), tid: TENANT_B }));
    await expectRejection(validator().validate(bearer(token)), 'issuer_tenant_mismatch', token);
  });

  it('iss of tenant A with an untrusted tid → issuer_tenant_mismatch', async () => {
    const token = await signToken(currentKey, claims({ tid: UNTRUSTED_TENANT }));
    await expectRejection(validator().validate(bearer(token)), 'issuer_tenant_mismatch', token);
  });

  it.each(['oid', 'tid', 'nbf', 'iat', 'exp'])('a token without %s → missing_claim', async (claim) => {
    const token = await signToken(currentKey, claims({ [claim]: undefined }));
    await expectRejection(validator().validate(bearer(token)), 'missing_claim', token);
  });

  it('a tampered payload → bad_signature', async () => {
    const [header, , signature] = (await signToken(currentKey, claims())).split('.');
    const forgedPayload = Buffer.from(JSON.stringify(claims({ roles: ['Fleet.Owner'] }))).toString(
      'base64url',
    );
    const token = `${header}.${forgedPayload}.${signature}`;
    await expectRejection(validator().validate(bearer(token)), 'bad_signature', token);
  });

  it('an attacker key in the jwk header with a known kid → bad_signature (header keys are ignored)', async () => {
    const attacker = attackerKey;
    const token = await signToken(attacker, claims(), {
      jwk: attacker.publicJwk,
      jku: `${entra.authority}/evil`,
    });
    await expectRejection(validator().validate(bearer(token)), 'bad_signature', token);
    expect(entra.requests.some((path) => path.includes('evil'))).toBe(false);
  });
});

describe('signing keys: unknown kids, cooldown and rotation', () => {
  async function unknownKidTokens(count: number): Promise<string[]> {
    const body = Buffer.from(JSON.stringify(claims())).toString('base64url');
    const signature = (await signToken(currentKey, claims())).split('.')[2];
    // The kid is checked before the signature, so one signature serves all 1,000 headers.
    return Array.from({ length: count }, () => {
      const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: randomUUID() })).toString(
        'base64url',
      );
      return `${header}.${body}.${signature}`;
    });
  }

  it('1,000 unknown kids on a warm cache → all unknown_key, at most one JWKS fetch per cooldown', async () => {
    const subject = validator();
    await subject.validate(bearer(await signToken(currentKey, claims())));
    expect(entra.jwksFetches()).toBe(1);

    const withinCooldown = await Promise.allSettled(
      (await unknownKidTokens(1000)).map((token) => subject.validate(bearer(token))),
    );
    expect(
      withinCooldown.every(
        (result) =>
          result.status === 'rejected' && (result.reason as { reason: string }).reason === 'unknown_key',
      ),
    ).toBe(true);
    expect(entra.jwksFetches()).toBe(1);

    clock.now += COOLDOWN_MS;
    for (const token of await unknownKidTokens(1000))
      await expectRejection(subject.validate(bearer(token)), 'unknown_key');
    expect(entra.jwksFetches()).toBe(2);

    clock.now += COOLDOWN_MS - 1;
    await Promise.allSettled((await unknownKidTokens(1000)).map((token) => subject.validate(bearer(token))));
    expect(entra.jwksFetches()).toBe(2);
  });

  it('1,000 concurrent unknown kids on a cold cache → exactly one JWKS fetch', async () => {
    const subject = validator();
    const all = await Promise.allSettled(
      (await unknownKidTokens(1000)).map((token) => subject.validate(bearer(token))),
    );
    expect(all.filter((result) => result.status === 'rejected')).toHaveLength(1000);
    expect(entra.jwksFetches()).toBe(1);
    expect(entra.metadataFetches()).toBe(1);
  });

  it('a new key is picked up after the cooldown; a removed key stops working once the cache expires', async () => {
    const subject = validator({ jwksCacheMaxAgeMs: 60 * 60 * 1000 });
    const oldToken = await signToken(currentKey, claims());
    await subject.validate(bearer(oldToken));

    const rotated = rotatedKey;
    entra.publishedKeys = [rotated];
    const newToken = await signToken(rotated, claims());
    await expectRejection(subject.validate(bearer(newToken)), 'unknown_key', newToken);

    clock.now += COOLDOWN_MS;
    await expect(subject.validate(bearer(newToken))).resolves.toMatchObject({ objectId: USER_OID });
    expect(entra.jwksFetches()).toBe(2);

    // The refetch replaced the set: the old key is gone at once here, and in any case after max age.
    await expectRejection(subject.validate(bearer(oldToken)), 'unknown_key', oldToken);
  });

  it('an old key keeps working until the cache max age, then fails after the refresh', async () => {
    const subject = validator({ jwksCacheMaxAgeMs: 10 * 60 * 1000 });
    await subject.validate(bearer(await signToken(currentKey, claims())));
    entra.publishedKeys = [unrelatedKey];

    clock.now += 5 * 60 * 1000;
    await subject.validate(bearer(await signToken(currentKey, claims())));
    expect(entra.jwksFetches()).toBe(1);

    clock.now += 5 * 60 * 1000;
    const token = await signToken(currentKey, claims());
    await expectRejection(subject.validate(bearer(token)), 'unknown_key', token);
    expect(entra.jwksFetches()).toBe(2);
  });

  it('key source down at cold start → key_source_unavailable (503), and no hammering within the cooldown', async () => {
    entra.failWith = 500;
    const subject = validator();
    const token = await signToken(currentKey, claims());
    const error = await expectRejection(subject.validate(bearer(token)), 'key_source_unavailable', token);
    expect(error.status).toBe(503);
    await expectRejection(subject.validate(bearer(token)), 'key_source_unavailable', token);
    expect(entra.requests).toHaveLength(1);

    entra.failWith = undefined;
    clock.now += COOLDOWN_MS;
    await expect(subject.validate(bearer(token))).resolves.toMatchObject({ objectId: USER_OID });
  });

  it('key source down after keys are cached → tokens still validate, also past the max age', async () => {
    const subject = validator({ jwksCacheMaxAgeMs: 60_000 });
    await subject.validate(bearer(await signToken(currentKey, claims())));
    entra.failWith = 503;
    await subject.validate(bearer(await signToken(currentKey, claims())));
    clock.now += 120_000;
    await expect(subject.validate(bearer(await signToken(currentKey, claims())))).resolves.toMatchObject({
      tenantId: TENANT_A,
    });
    expect(entra.requests.length).toBeGreaterThan(2);
  });

  it('metadata naming another issuer → key_source_unavailable', async () => {
    entra.metadataIssuerOverride = v2Issuer(UNTRUSTED_TENANT);
    await expectRejection(
      validator().validate(bearer(await signToken(currentKey, claims()))),
      'key_source_unavailable',
    );
    expect(entra.jwksFetches()).toBe(0);
  });

  it('plain-http metadata is refused at construction unless explicitly allowed on loopback', () => {
    expect(() => validator({ allowHttpOnLoopback: false })).toThrow(TypeError);
  });

  it.each(['http://keys.example.com/keys', 'file:///etc/passwd', 'https://user:pw@keys.example.com/keys'])(
    'a jwks_uri of %s in the metadata is refused → key_source_unavailable, never fetched',
    async (jwksUri) => {
      entra.jwksUriOverride = jwksUri;
      await expectRejection(
        validator().validate(bearer(await signToken(currentKey, claims()))),
        'key_source_unavailable',
      );
      expect(entra.jwksFetches()).toBe(0);
    },
  );
});

describe('verified tokens are remembered', () => {
  async function warmValidator(overrides: Partial<TokenValidatorOptions> = {}) {
    const subject = validator(overrides);
    await subject.validate(bearer(await signToken(currentKey, claims({ oid: randomUUID() }))));
    return subject;
  }

  function countSignatureChecks() {
    const spy = vi.spyOn(crypto.subtle, 'verify');
    return { count: () => spy.mock.calls.length, restore: () => spy.mockRestore() };
  }

  it('the same token again skips the signature check; another token does not', async () => {
    const subject = await warmValidator();
    const token = await signToken(currentKey, claims());
    const checks = countSignatureChecks();
    try {
      await subject.validate(bearer(token));
      await expect(subject.validate(bearer(token))).resolves.toMatchObject({ objectId: USER_OID, groups: [expect.any(String)] });
      expect(checks.count()).toBe(1);
      await subject.validate(bearer(await signToken(currentKey, claims({ jti: randomUUID() }))));
      expect(checks.count()).toBe(2);
    } finally {
      checks.restore();
    }
  });

  it('with a cache size of 0 every request is verified', async () => {
    const subject = await warmValidator({ verifiedTokenCacheSize: 0 });
    const token = await signToken(currentKey, claims());
    const checks = countSignatureChecks();
    try {
      await subject.validate(bearer(token));
      await subject.validate(bearer(token));
      expect(checks.count()).toBe(2);
    } finally {
      checks.restore();
    }
  });

  it('a remembered token still expires, with the same clock skew', async () => {
    const subject = await warmValidator();
    const token = await signToken(currentKey, claims({ exp: seconds() + 60 }));
    await subject.validate(bearer(token));
    clock.now += (60 + 299) * 1000;
    await expect(subject.validate(bearer(token))).resolves.toMatchObject({ objectId: USER_OID });
    clock.now += 1000;
    await expectRejection(subject.validate(bearer(token)), 'expired', token);
  });

  it('a remembered token stops working when a key refresh drops its key', async () => {
    const subject = await warmValidator({ jwksCacheMaxAgeMs: 60 * 60 * 1000 });
    const oldToken = await signToken(currentKey, claims());
    await subject.validate(bearer(oldToken));
    await subject.validate(bearer(oldToken));

    entra.publishedKeys = [rotatedKey];
    clock.now += COOLDOWN_MS;
    await subject.validate(bearer(await signToken(rotatedKey, claims())));
    expect(entra.jwksFetches()).toBe(2);
    await expectRejection(subject.validate(bearer(oldToken)), 'unknown_key', oldToken);
  });

  it('a remembered token is checked again once its keys are due for a refresh', async () => {
    const subject = await warmValidator({ jwksCacheMaxAgeMs: 10 * 60 * 1000 });
    const token = await signToken(currentKey, claims());
    await subject.validate(bearer(token));
    entra.publishedKeys = [unrelatedKey];
    clock.now += 10 * 60 * 1000;
    await expectRejection(subject.validate(bearer(token)), 'unknown_key', token);
    expect(entra.jwksFetches()).toBe(2);
  });

  it('a failed check is not remembered: a rejected token stays rejected', async () => {
    const subject = await warmValidator();
    const token = await signToken(currentKey, claims({ aud: 'api://someone-else' }));
    await expectRejection(subject.validate(bearer(token)), 'wrong_audience', token);
    await expectRejection(subject.validate(bearer(token)), 'wrong_audience', token);
  });
});

describe('groups overage', () => {
  const overageClaims = () =>
    claims({
      groups: undefined,
      _claim_names: { groups: 'src1' },
      _claim_sources: { src1: { endpoint: 'https://graph.windows.net/x' } },
    });

  it('is flagged by default, with no groups', async () => {
    const caller = await validator().validate(bearer(await signToken(currentKey, overageClaims())));
    expect(caller).toMatchObject({ groups: [], groupsOverage: true });
  });

  it('fails authentication with groups_overage when configured to reject', async () => {
    const token = await signToken(currentKey, overageClaims());
    await expectRejection(
      validator({ groupsOverage: 'reject' }).validate(bearer(token)),
      'groups_overage',
      token,
    );
  });

  it('uses the configured group lookup instead', async () => {
    const lookups: unknown[] = [];
    const subject = validator({
      groupsOverage: 'reject',
      resolveOverageGroups: (identity) => {
        lookups.push(identity);
        return Promise.resolve(['88888888-8888-4888-8888-88888888888B']);
      },
    });
    const caller = await subject.validate(bearer(await signToken(currentKey, overageClaims())));
    expect(caller).toMatchObject({ groups: ['88888888-8888-4888-8888-88888888888b'], groupsOverage: false });
    expect(lookups).toEqual([{ tenantId: TENANT_A, objectId: USER_OID }]);
  });

  it('a failing group lookup is an outage (503), not an acceptance', async () => {
    const subject = validator({ resolveOverageGroups: () => Promise.reject(new Error('graph down')) });
    const token = await signToken(currentKey, overageClaims());
    await expectRejection(subject.validate(bearer(token)), 'group_lookup_unavailable', token);
  });

  it('treats hasgroups (implicit flow) as an overage too', async () => {
    const caller = await validator().validate(
      bearer(await signToken(currentKey, claims({ groups: undefined, hasgroups: true }))),
    );
    expect(caller.groupsOverage).toBe(true);
  });
});

describe('dev scope claim', () => {
  it('is ignored on Entra tokens even when dev scope claims are accepted', async () => {
    const token = await signToken(currentKey, claims({ fleetplane_scope: 'tenant' }));
    const caller = await validator({ acceptDevScopeClaim: true }).validate(bearer(token));
    expect(caller.devScope).toBeUndefined();
  });
});

describe('options are checked at construction', () => {
  it.each<[string, Partial<TokenValidatorOptions>]>([
    ['clock tolerance above 300 s', { clockToleranceSeconds: 301 }],
    ['negative clock tolerance', { clockToleranceSeconds: -1 }],
    ['a tenant that is not a GUID', { trustedTenants: ['contoso.onmicrosoft.com'] }],
    ['no audience', { audiences: [] }],
    ['plain-http authority off loopback', { authorityHost: 'http://login.example.com' }],
    ['no trusted issuer at all', { trustedTenants: [] }],
  ])('%s throws', (_label, overrides) => {
    expect(() => validator(overrides)).toThrow(TypeError);
  });
});
