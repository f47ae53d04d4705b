import { describe, expect, it } from 'vitest';
import {
  bindingsHeldBy,
  can,
  InvalidBootstrapOwnerError,
  parseBootstrapOwners,
} from '../../../shared/domain/access';
import { ALICE, BOB, binding, OPS_GROUP, OTHER_TENANT, scopes, TENANT, user } from './fixtures';

describe('parseBootstrapOwners (the first Owner comes from configuration)', () => {
  it.each([
    [undefined, 0],
    ['', 0],
    ['  ', 0],
  ])('%j yields no bindings', (value, count) => {
    expect(parseBootstrapOwners(value)).toHaveLength(count);
  });

  it('yields tenant-scope Owner bindings with normalised ids', () => {
    const bindings = parseBootstrapOwners(` user:${ALICE.toUpperCase()}@${TENANT} , group:${OPS_GROUP}`);
    expect(bindings).toEqual([
      {
        id: 'bootstrap-owner-1',
        subject: { kind: 'user', id: ALICE, tenantId: TENANT },
        role: 'Owner',
        scope: 'tenant',
        createdBy: 'configuration',
      },
      {
        id: 'bootstrap-owner-2',
        subject: { kind: 'group', id: OPS_GROUP },
        role: 'Owner',
        scope: 'tenant',
        createdBy: 'configuration',
      },
    ]);
    expect(can(user(), 'bind', 'rolebindings', scopes.nsA, bindings).allowed).toBe(true);
    expect(
      can(user(ALICE, { tenantId: OTHER_TENANT }), 'get', 'clusters', scopes.nsA, bindings).allowed,
    ).toBe(false);
  });

  it.each([
    'alice',
    `appRole:Fleet.Owner`,
    `robot:${ALICE}`,
    `user:not-a-guid`,
    `user:${ALICE}@contoso`,
    `user:${ALICE},`,
  ])('rejects %j', (value) => {
    expect(() => parseBootstrapOwners(value)).toThrow(InvalidBootstrapOwnerError);
  });
});

describe('bindingsHeldBy (whoami)', () => {
  it('lists the caller’s bindings at any scope, strongest first, and only theirs', () => {
    const reader = binding('Reader', scopes.tenant);
    const admin = binding('Admin', scopes.clusterB);
    const bobs = binding('Owner', scopes.tenant, { kind: 'user', id: BOB });
    const held = bindingsHeldBy(user(ALICE, { appRoles: ['Fleet.Operator'] }), [reader, admin, bobs], {
      appRolesGrantTenantScope: true,
    });
    expect(held.map((entry) => [entry.binding.id, entry.role, entry.scope.id])).toEqual([
      [admin.id, 'Admin', scopes.clusterB],
      ['token-app-role:Fleet.Operator', 'Operator', 'tenant'],
      [reader.id, 'Reader', 'tenant'],
    ]);
  });
});
