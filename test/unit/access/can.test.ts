import { describe, expect, it } from 'vitest';
import {
  can,
  checkPermission,
  PERMISSIONS,
  RESOURCES,
  isReadVerb,
  verbsOf,
  type Caller,
  type RoleBinding,
} from '../../../shared/domain/access';
import { ALICE, BOB, binding, caseVariant, OPS_GROUP, OTHER_TENANT, scopes, TENANT, user } from './fixtures';

const alice = user();

describe('deny by default', () => {
  it('denies everything without bindings', () => {
    const decision = can(alice, 'get', 'clusters', scopes.clusterA, []);
    expect(decision).toMatchObject({ allowed: false, code: 'no_binding' });
    expect(decision.effectiveRole).toBeUndefined();
  });

  it('ignores bindings of other subjects and bindings with malformed scopes', () => {
    const bindings = [
      binding('Owner', scopes.tenant, { kind: 'user', id: BOB }),
      binding('Owner', '/subscriptions/not-a-guid', { kind: 'user', id: ALICE }),
      binding('Owner', scopes.tenant, { kind: 'servicePrincipal', id: ALICE }),
    ];
    expect(can(alice, 'get', 'clusters', scopes.clusterA, bindings).allowed).toBe(false);
  });

  it('denies unknown permissions and malformed targets with a reason', () => {
    const owner = [binding('Owner', scopes.tenant)];
    expect(checkPermission(alice, 'exec', 'clusters', scopes.clusterA, owner)).toMatchObject({
      allowed: false,
      code: 'unknown_permission',
    });
    expect(can(alice, 'get', 'clusters', '/subscriptions/x', owner)).toMatchObject({
      allowed: false,
      code: 'invalid_scope',
    });
  });
});

describe('a Reader attempting any write is denied', () => {
  const readerBindings = [binding('Reader', scopes.tenant)];
  const writes = RESOURCES.flatMap((resource) =>
    verbsOf(resource)
      .filter((verb) => !isReadVerb(verb))
      .map((verb) => [resource, verb] as const),
  );

  it.each(writes)('%s.%s', (resource, verb) => {
    const decision = checkPermission(alice, verb, resource, scopes.nsA, readerBindings);
    expect(decision.allowed).toBe(false);
    expect(decision.code).toBe('insufficient_role');
    expect(decision.effectiveRole).toBe('Reader');
  });

  it('while reads of clusters, node pools, upgrades, policies, guardrails and the support calendar are allowed', () => {
    for (const resource of [
      'clusters',
      'clusters/nodepools',
      'clusters/upgrades',
      'clusters/autoscalepolicies',
      'guardrails',
      'versionSupportCalendar',
    ] as const) {
      expect(checkPermission(alice, 'list', resource, scopes.clusterA, readerBindings).allowed).toBe(true);
    }
    expect(can(alice, 'query', 'clusters/logs', scopes.clusterA, readerBindings).allowed).toBe(false);
    expect(can(alice, 'list', 'audit', scopes.clusterA, readerBindings).allowed).toBe(false);
    expect(can(alice, 'list', 'webhooks', scopes.clusterA, readerBindings).allowed).toBe(false);
  });
});

describe('role × permission matrix at one scope', () => {
  const cases = (['Reader', 'Operator', 'Admin', 'Owner'] as const).flatMap((role) =>
    RESOURCES.flatMap((resource) => verbsOf(resource).map((verb) => [role, resource, verb] as const)),
  );
  const rank = { Reader: 0, Operator: 1, Admin: 2, Owner: 3 } as const;

  it.each(cases)('%s on %s.%s', (role, resource, verb) => {
    const required = (PERMISSIONS[resource] as Record<string, keyof typeof rank>)[verb]!;
    const decision = checkPermission(alice, verb, resource, scopes.clusterA, [binding(role, scopes.subA)]);
    expect(decision.allowed).toBe(rank[role] >= rank[required]);
    expect(decision.effectiveRole).toBe(role);
  });
});

describe('scope matching', () => {
  const operatorOnSubA = binding('Operator', scopes.subA);

  it.each([
    ['the subscription itself', scopes.subA, true],
    ['a cluster in it', scopes.clusterA, true],
    ['a namespace in it', scopes.nsA, true],
    ['subscription B', scopes.subB, false],
    ['a cluster in subscription B', scopes.clusterB, false],
    ['tenant scope above it', scopes.tenant, false],
    ['upper-cased cluster id in it', scopes.clusterA.toUpperCase(), true],
    ['case-variant cluster id in B', caseVariant(scopes.clusterB), false],
  ])('a binding on subscription A applied to %s', (_label, target, expected) => {
    expect(can(alice, 'scale', 'clusters/nodepools', target, [operatorOnSubA]).allowed).toBe(expected);
  });

  it('matches a case-variant binding scope the same way', () => {
    const variant = { ...operatorOnSubA, scope: caseVariant(scopes.subA) };
    expect(can(alice, 'scale', 'clusters/nodepools', scopes.clusterA, [variant]).allowed).toBe(true);
    expect(can(alice, 'scale', 'clusters/nodepools', scopes.clusterB, [variant]).allowed).toBe(false);
  });

  it('a namespace-scoped operator cannot act on another namespace or on the cluster', () => {
    const bindings = [binding('Operator', scopes.nsA)];
    expect(can(alice, 'query', 'clusters/logs', scopes.nsA, bindings).allowed).toBe(true);
    expect(can(alice, 'query', 'clusters/logs', scopes.nsA2, bindings).allowed).toBe(false);
    expect(can(alice, 'create', 'clusters/upgrades', scopes.clusterA, bindings).allowed).toBe(false);
  });

  it('reports the strongest covering binding', () => {
    const reader = binding('Reader', scopes.tenant);
    const admin = binding('Admin', scopes.clusterA);
    const decision = can(alice, 'delete', 'clusters', scopes.nsA, [reader, admin]);
    expect(decision).toMatchObject({
      allowed: true,
      code: 'granted',
      matchedBindingId: admin.id,
      effectiveRole: 'Admin',
    });
    expect(decision.reason).toContain(admin.id);
  });
});

describe('subjects', () => {
  it.each<[string, Caller, RoleBinding['subject'], boolean]>([
    ['user by oid, any case', alice, { kind: 'user', id: ALICE.toUpperCase() }, true],
    [
      'user binding does not match a service principal with that oid',
      user(ALICE, { kind: 'servicePrincipal' }),
      { kind: 'user', id: ALICE },
      false,
    ],
    [
      'service principal',
      user(BOB, { kind: 'servicePrincipal' }),
      { kind: 'servicePrincipal', id: BOB },
      true,
    ],
    [
      'group member',
      user(BOB, { groups: [OPS_GROUP] }),
      { kind: 'group', id: OPS_GROUP.toUpperCase() },
      true,
    ],
    ['non-member', user(BOB, { groups: [] }), { kind: 'group', id: OPS_GROUP }, false],
    ['app role in token', user(BOB, { appRoles: ['Fleet.Ops'] }), { kind: 'appRole', id: 'Fleet.Ops' }, true],
    [
      'app role with other case',
      user(BOB, { appRoles: ['fleet.ops'] }),
      { kind: 'appRole', id: 'Fleet.Ops' },
      false,
    ],
    ['tenant-restricted subject, same tenant', alice, { kind: 'user', id: ALICE, tenantId: TENANT }, true],
    [
      'tenant-restricted subject, other tenant',
      user(ALICE, { tenantId: OTHER_TENANT }),
      { kind: 'user', id: ALICE, tenantId: TENANT },
      false,
    ],
  ])('%s', (_label, caller, subject, expected) => {
    expect(
      can(caller, 'get', 'clusters', scopes.clusterA, [binding('Reader', scopes.subA, subject)]).allowed,
    ).toBe(expected);
  });
});

describe('token app roles', () => {
  const operatorByToken = user(BOB, { appRoles: ['Fleet.Operator', 'Fleet.Webhook', 'Something.Else'] });

  it('count only when the option says so, at tenant scope', () => {
    expect(can(operatorByToken, 'scale', 'clusters/nodepools', scopes.clusterB, []).allowed).toBe(false);
    const decision = can(operatorByToken, 'scale', 'clusters/nodepools', scopes.clusterB, [], {
      appRolesGrantTenantScope: true,
    });
    expect(decision).toMatchObject({
      allowed: true,
      effectiveRole: 'Operator',
      matchedBindingId: 'token-app-role:Fleet.Operator',
    });
    expect(
      can(operatorByToken, 'delete', 'clusters', scopes.clusterB, [], { appRolesGrantTenantScope: true })
        .allowed,
    ).toBe(false);
  });

  it('can be limited to some tenants', () => {
    const options = { appRolesGrantTenantScope: true, appRoleTenants: [OTHER_TENANT] };
    expect(can(operatorByToken, 'scale', 'clusters/nodepools', scopes.clusterA, [], options).allowed).toBe(
      false,
    );
    const foreign = user(BOB, { tenantId: OTHER_TENANT.toUpperCase(), appRoles: ['Fleet.Operator'] });
    expect(can(foreign, 'scale', 'clusters/nodepools', scopes.clusterA, [], options).allowed).toBe(true);
  });

  it('are confined to the dev scope when the caller has one', () => {
    const dev = user(BOB, { appRoles: ['Fleet.Admin'], devScope: scopes.subA });
    const options = { appRolesGrantTenantScope: true };
    expect(can(dev, 'delete', 'clusters', scopes.clusterA, [], options).allowed).toBe(true);
    expect(can(dev, 'delete', 'clusters', scopes.clusterB, [], options).allowed).toBe(false);
  });
});

describe('groups overage', () => {
  const overage = user(BOB, { groupsOverage: true });

  it('denies with groups_overage when a group binding might have granted access', () => {
    const bindings = [binding('Operator', scopes.subA, { kind: 'group', id: OPS_GROUP })];
    const decision = can(overage, 'create', 'clusters/upgrades', scopes.clusterA, bindings);
    expect(decision).toMatchObject({ allowed: false, code: 'groups_overage' });
  });

  it('uses the ordinary reason when no group binding is relevant, and still honours direct bindings', () => {
    const groupElsewhere = binding('Owner', scopes.subB, { kind: 'group', id: OPS_GROUP });
    expect(can(overage, 'get', 'clusters', scopes.clusterA, [groupElsewhere]).code).toBe('no_binding');
    const direct = binding('Operator', scopes.subA, { kind: 'user', id: BOB });
    expect(
      can(overage, 'create', 'clusters/upgrades', scopes.clusterA, [groupElsewhere, direct]).allowed,
    ).toBe(true);
  });
});
