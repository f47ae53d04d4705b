import { describe, expect, it } from 'vitest';
import { canGrant, canRevoke, type Role, type RoleBinding } from '../../../shared/domain/access';
import { binding, caseVariant, scopes, user } from './fixtures';

const granter = user();

describe('canGrant: nobody grants a role above their own', () => {
  it.each<[string, RoleBinding[], Role, string, boolean, string]>([
    [
      'Admin grants Owner at own scope',
      [binding('Admin', scopes.subA)],
      'Owner',
      scopes.clusterA,
      false,
      'escalation',
    ],
    [
      'Admin grants Admin below own scope',
      [binding('Admin', scopes.subA)],
      'Admin',
      scopes.clusterA,
      true,
      'granted',
    ],
    [
      'Admin grants Reader at own scope',
      [binding('Admin', scopes.subA)],
      'Reader',
      scopes.subA,
      true,
      'granted',
    ],
    [
      'Admin grants above own scope',
      [binding('Admin', scopes.subA)],
      'Reader',
      scopes.tenant,
      false,
      'no_binding',
    ],
    [
      'Admin grants in another subscription',
      [binding('Admin', scopes.subA)],
      'Reader',
      scopes.subB,
      false,
      'no_binding',
    ],
    [
      'Admin on A grants in case-variant B',
      [binding('Admin', scopes.subA)],
      'Reader',
      caseVariant(scopes.clusterB),
      false,
      'no_binding',
    ],
    [
      'Operator grants Reader',
      [binding('Operator', scopes.tenant)],
      'Reader',
      scopes.clusterA,
      false,
      'insufficient_role',
    ],
    [
      'Reader grants Reader',
      [binding('Reader', scopes.tenant)],
      'Reader',
      scopes.clusterA,
      false,
      'insufficient_role',
    ],
    ['Owner grants Owner', [binding('Owner', scopes.subA)], 'Owner', scopes.nsA, true, 'granted'],
    [
      'Owner at a cluster grants Owner at the subscription',
      [binding('Owner', scopes.clusterA)],
      'Owner',
      scopes.subA,
      false,
      'no_binding',
    ],
    [
      'Admin at tenant and Owner at a cluster grants Owner at that cluster',
      [binding('Admin', scopes.tenant), binding('Owner', scopes.clusterA)],
      'Owner',
      scopes.clusterA,
      true,
      'granted',
    ],
    [
      'Admin at tenant and Owner at a cluster grants Owner at another cluster',
      [binding('Admin', scopes.tenant), binding('Owner', scopes.clusterA)],
      'Owner',
      scopes.clusterA2,
      false,
      'escalation',
    ],
    [
      'nobody grants with a malformed scope',
      [binding('Owner', scopes.tenant)],
      'Reader',
      '/subscriptions/nope',
      false,
      'invalid_scope',
    ],
  ])('%s', (_label, bindings, role, scope, allowed, code) => {
    const decision = canGrant(granter, { role, scope }, bindings);
    expect(decision.allowed).toBe(allowed);
    expect(decision.code).toBe(code);
  });

  it('rejects roles that do not exist', () => {
    const decision = canGrant(granter, { role: 'God' as Role, scope: scopes.subA }, [
      binding('Owner', scopes.tenant),
    ]);
    expect(decision).toMatchObject({ allowed: false, code: 'invalid_role' });
  });
});

describe('canRevoke', () => {
  it.each<[string, Role, Role, boolean]>([
    ['Admin removes a Reader binding', 'Admin', 'Reader', true],
    ['Admin removes an Owner binding', 'Admin', 'Owner', false],
    ['Owner removes an Owner binding', 'Owner', 'Owner', true],
    ['Operator removes a Reader binding', 'Operator', 'Reader', false],
  ])('%s', (_label, held, target, allowed) => {
    expect(
      canRevoke(granter, { role: target, scope: scopes.clusterA }, [binding(held, scopes.subA)]).allowed,
    ).toBe(allowed);
  });

  it('judges a stored binding with a malformed scope at tenant scope', () => {
    const broken = { role: 'Reader' as const, scope: '/nonsense' };
    expect(canRevoke(granter, broken, [binding('Admin', scopes.subA)]).allowed).toBe(false);
    expect(canRevoke(granter, broken, [binding('Admin', scopes.tenant)]).allowed).toBe(true);
  });
});
