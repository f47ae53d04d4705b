import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canGrant,
  checkPermission,
  parseScope,
  RESOURCES,
  roleAtLeast,
  ROLES,
  scopeCovers,
  verbsOf,
  type AccessOptions,
  type Caller,
  type RoleBinding,
} from '../../../shared/domain/access';
import { ALICE, BOB, OPS_GROUP, SUB_A, SUB_B, TENANT } from './fixtures';

const PERMISSION_PAIRS = RESOURCES.flatMap((resource) =>
  verbsOf(resource).map((verb) => ({ resource, verb })),
);

const scopeArb = fc
  .tuple(
    fc.integer({ min: 0, max: 4 }),
    fc.constantFrom(SUB_A, SUB_B),
    fc.constantFrom('rg-prod', 'rg-dev', 'Rg.Mixed(1)'),
    fc.constantFrom('aks-1', 'aks-2'),
    fc.constantFrom('team-a', 'team-b'),
  )
  .map(([depth, subscription, group, cluster, namespace]) => {
    if (depth === 0) return 'tenant';
    const parts = [
      `/subscriptions/${subscription}`,
      `/resourceGroups/${group}`,
      `/providers/Microsoft.ContainerService/managedClusters/${cluster}`,
      `/namespaces/${namespace}`,
    ];
    return parts.slice(0, depth).join('');
  });

const subjectArb = fc.constantFrom<RoleBinding['subject']>(
  { kind: 'user', id: ALICE },
  { kind: 'user', id: BOB },
  { kind: 'servicePrincipal', id: ALICE },
  { kind: 'group', id: OPS_GROUP },
  { kind: 'appRole', id: 'Fleet.Ops' },
);

const bindingArb = fc.record({
  id: fc.stringMatching(/^rb-[a-z0-9]{1,6}$/),
  subject: subjectArb,
  role: fc.constantFrom(...ROLES),
  scope: scopeArb,
});

const callerArb: fc.Arbitrary<Caller> = fc.record({
  tenantId: fc.constant(TENANT),
  objectId: fc.constantFrom(ALICE, BOB),
  kind: fc.constantFrom('user' as const, 'servicePrincipal' as const),
  appRoles: fc.subarray(['Fleet.Ops', 'Fleet.Reader', 'Fleet.Operator', 'Fleet.Admin', 'Fleet.Owner']),
  groups: fc.subarray([OPS_GROUP]),
  groupsOverage: fc.boolean(),
});

const optionsArb: fc.Arbitrary<AccessOptions> = fc.record({ appRolesGrantTenantScope: fc.boolean() });
const permissionArb = fc.constantFrom(...PERMISSION_PAIRS);

/** Upper- or lower-cases each character following the bits of `seed`. */
function flipCase(text: string, seed: number): string {
  return [...text]
    .map((char, index) => ((seed >>> (index % 31)) & 1 ? char.toUpperCase() : char.toLowerCase()))
    .join('');
}

const allowed = (
  caller: Caller,
  permission: { resource: string; verb: string },
  target: string,
  bindings: RoleBinding[],
  options: AccessOptions,
) => checkPermission(caller, permission.verb, permission.resource, target, bindings, options).allowed;

describe('access properties', () => {
  it('without bindings or counted app roles, nothing is allowed', () => {
    fc.assert(
      fc.property(callerArb, permissionArb, scopeArb, (caller, permission, target) => {
        expect(allowed(caller, permission, target, [], {})).toBe(false);
      }),
    );
  });

  it('the decision does not depend on the case of scope ids or GUIDs', () => {
    fc.assert(
      fc.property(
        callerArb,
        permissionArb,
        scopeArb,
        fc.array(bindingArb, { maxLength: 6 }),
        optionsArb,
        fc.integer(),
        (caller, permission, target, bindings, options, seed) => {
          const variantBindings = bindings.map((binding, index) => ({
            ...binding,
            scope: flipCase(binding.scope, seed + index),
            subject:
              binding.subject.kind === 'appRole'
                ? binding.subject
                : { ...binding.subject, id: flipCase(binding.subject.id, seed) },
          }));
          expect(allowed(caller, permission, flipCase(target, ~seed), variantBindings, options)).toBe(
            allowed(caller, permission, target, bindings, options),
          );
        },
      ),
    );
  });

  it('adding a binding never removes a permission (monotonicity)', () => {
    fc.assert(
      fc.property(
        callerArb,
        permissionArb,
        scopeArb,
        fc.array(bindingArb, { maxLength: 6 }),
        bindingArb,
        optionsArb,
        (caller, permission, target, bindings, extra, options) => {
          if (allowed(caller, permission, target, bindings, options)) {
            expect(allowed(caller, permission, target, [...bindings, extra], options)).toBe(true);
          }
        },
      ),
    );
  });

  it('a permission held at a scope is held at every scope below it', () => {
    fc.assert(
      fc.property(
        callerArb,
        permissionArb,
        scopeArb,
        scopeArb,
        fc.array(bindingArb, { maxLength: 6 }),
        (caller, permission, outer, inner, bindings) => {
          fc.pre(scopeCovers(parseScope(outer), parseScope(inner)));
          if (allowed(caller, permission, outer, bindings, {})) {
            expect(allowed(caller, permission, inner, bindings, {})).toBe(true);
          }
        },
      ),
    );
  });

  it('bindings inside one subscription never reach the other', () => {
    fc.assert(
      fc.property(
        callerArb,
        permissionArb,
        scopeArb,
        fc.array(bindingArb, { maxLength: 6 }),
        (caller, permission, target, bindings) => {
          fc.pre(target.includes(SUB_B));
          const onlyA = bindings.filter((binding) => binding.scope.includes(SUB_A));
          expect(allowed(caller, permission, target, onlyA, {})).toBe(false);
        },
      ),
    );
  });

  it('a granted binding never carries a role above the granter’s role at its scope', () => {
    fc.assert(
      fc.property(
        callerArb,
        fc.array(bindingArb, { maxLength: 6 }),
        fc.constantFrom(...ROLES),
        scopeArb,
        (caller, bindings, role, scope) => {
          const decision = canGrant(caller, { role, scope }, bindings);
          if (decision.allowed) {
            expect(decision.effectiveRole).toBeDefined();
            expect(roleAtLeast(decision.effectiveRole!, role)).toBe(true);
            expect(checkPermission(caller, 'create', 'rolebindings', scope, bindings).allowed).toBe(true);
          }
        },
      ),
    );
  });

  it('canonical scope ids are stable', () => {
    fc.assert(
      fc.property(scopeArb, fc.integer(), (scope, seed) => {
        const canonical = parseScope(flipCase(scope, seed)).id;
        expect(parseScope(canonical).id).toBe(canonical);
        expect(parseScope(scope).key).toEqual(parseScope(canonical).key);
      }),
    );
  });
});
