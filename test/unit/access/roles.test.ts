import { describe, expect, it } from 'vitest';
import {
  higherRole,
  isRole,
  PERMISSIONS,
  requiredRole,
  roleAtLeast,
  ROLES,
  verbsOf,
  RESOURCES,
} from '../../../shared/domain/access';

describe('roles', () => {
  it('are ordered Reader < Operator < Admin < Owner', () => {
    expect(ROLES).toEqual(['Reader', 'Operator', 'Admin', 'Owner']);
    expect(roleAtLeast('Owner', 'Admin')).toBe(true);
    expect(roleAtLeast('Admin', 'Owner')).toBe(false);
    expect(roleAtLeast('Operator', 'Operator')).toBe(true);
    expect(higherRole('Reader', 'Admin')).toBe('Admin');
  });

  it.each([
    ['Reader', true],
    ['owner', false],
    ['Fleet.Owner', false],
    ['', false],
    [undefined, false],
  ])('isRole(%j) is %s', (value, expected) => {
    expect(isRole(value)).toBe(expected);
  });
});

describe('permission table (security-reliability.md §2.3)', () => {
  it.each([
    ['clusters', 'get', 'Reader'],
    ['clusters', 'list', 'Reader'],
    ['clusters', 'update', 'Operator'],
    ['clusters', 'patch', 'Operator'],
    ['clusters', 'create', 'Admin'],
    ['clusters', 'delete', 'Admin'],
    ['clusters/nodepools', 'list', 'Reader'],
    ['clusters/nodepools', 'scale', 'Operator'],
    ['clusters/nodepools', 'delete', 'Operator'],
    ['clusters/upgrades', 'get', 'Reader'],
    ['clusters/upgrades', 'create', 'Operator'],
    ['clusters/upgrades', 'abort', 'Operator'],
    ['clusters/autoscalepolicies', 'update', 'Operator'],
    ['clusters/logs', 'query', 'Operator'],
    ['webhooks', 'list', 'Admin'],
    ['webhooks', 'rotate-secret', 'Admin'],
    ['rolebindings', 'get', 'Admin'],
    ['rolebindings', 'create', 'Admin'],
    ['rolebindings', 'escalate', 'Owner'],
    ['rolebindings', 'bind', 'Owner'],
    ['audit', 'list', 'Admin'],
    ['guardrails', 'get', 'Reader'],
    ['guardrails', 'update', 'Admin'],
    ['versionSupportCalendar', 'get', 'Reader'],
    ['versionSupportCalendar', 'update', 'Admin'],
  ])('%s.%s needs %s', (resource, verb, role) => {
    expect(requiredRole(resource, verb)).toBe(role);
  });

  it.each([
    ['clusters', 'query'],
    ['clusters/logs', 'get'],
    ['audit', 'delete'],
    ['secrets', 'get'],
    ['clusters', 'constructor'],
    ['__proto__', 'get'],
    ['clusters', 'toString'],
  ])('%s.%s is not a permission', (resource, verb) => {
    expect(requiredRole(resource, verb)).toBeUndefined();
  });

  it('lists every resource of the issue and only roles as values', () => {
    expect(RESOURCES.sort()).toEqual(
      [
        'audit',
        'clusters',
        'clusters/autoscalepolicies',
        'clusters/logs',
        'clusters/nodepools',
        'clusters/upgrades',
        'guardrails',
        'health',
        'inventory',
        'rolebindings',
        'versionSupportCalendar',
        'webhooks',
      ].sort(),
    );
    for (const resource of RESOURCES) {
      for (const verb of verbsOf(resource))
        expect(isRole((PERMISSIONS[resource] as Record<string, string>)[verb])).toBe(true);
    }
  });
});
