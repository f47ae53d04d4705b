import { describe, expect, it } from 'vitest';
import { parseClientPrincipal } from '../../../shared/platform/identity';
import { AuthenticationError } from '../../../shared/domain/access';

const TENANT = '11111111-1111-4111-8111-111111111111';
const OID = '55555555-5555-4555-8555-555555555555';

function encode(principal: unknown): string {
  return Buffer.from(JSON.stringify(principal)).toString('base64');
}

const ownerPrincipal = encode({
  auth_typ: 'aad',
  name_typ: 'name',
  role_typ: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
  claims: [
    { typ: 'http://schemas.microsoft.com/identity/claims/tenantid', val: TENANT },
    { typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier', val: OID },
    { typ: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role', val: 'Fleet.Owner' },
    { typ: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role', val: 'Fleet.Reader' },
    { typ: 'http://schemas.microsoft.com/identity/claims/scope', val: 'access_as_user' },
    { typ: 'groups', val: '77777777-7777-4777-8777-77777777777A' },
    { typ: 'name', val: 'Alice' },
  ],
});

function reasonOf(attempt: () => unknown): string | undefined {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    return (error as AuthenticationError).reason;
  }
  return undefined;
}

describe('parseClientPrincipal (x-ms-client-principal)', () => {
  it('rejects a forged header when EasyAuth is not trusted, whatever it claims', () => {
    expect(reasonOf(() => parseClientPrincipal(ownerPrincipal, { trusted: false }))).toBe(
      'untrusted_client_principal',
    );
  });

  it('reads the caller when trusted', () => {
    expect(parseClientPrincipal(ownerPrincipal, { trusted: true, trustedTenants: [TENANT] })).toEqual({
      tenantId: TENANT,
      objectId: OID,
      kind: 'user',
      displayName: 'Alice',
      appRoles: ['Fleet.Owner', 'Fleet.Reader'],
      groups: ['77777777-7777-4777-8777-77777777777a'],
      groupsOverage: false,
      scopes: ['access_as_user'],
      authMethod: 'easyauth',
    });
  });

  it.each([
    ['a missing header', null, 'missing_token'],
    ['not base64', '{"auth_typ":"aad"}', 'malformed'],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64'), 'malformed'],
    ['another identity provider', encode({ auth_typ: 'github', claims: [] }), 'malformed'],
    ['no object id', encode({ auth_typ: 'aad', claims: [{ typ: 'tid', val: TENANT }] }), 'missing_claim'],
    [
      'a tenant outside the allowlist',
      encode({
        auth_typ: 'aad',
        claims: [
          { typ: 'tid', val: '33333333-3333-4333-8333-333333333333' },
          { typ: 'oid', val: OID },
        ],
      }),
      'untrusted_issuer',
    ],
  ])('rejects %s when trusted', (_label, header, reason) => {
    expect(reasonOf(() => parseClientPrincipal(header, { trusted: true, trustedTenants: [TENANT] }))).toBe(
      reason,
    );
  });

  it('flags a groups overage', () => {
    const header = encode({
      auth_typ: 'aad',
      claims: [
        { typ: 'tid', val: TENANT },
        { typ: 'oid', val: OID },
        { typ: 'hasgroups', val: 'true' },
      ],
    });
    expect(parseClientPrincipal(header, { trusted: true })).toMatchObject({
      groupsOverage: true,
      groups: [],
      kind: 'servicePrincipal',
    });
  });
});
