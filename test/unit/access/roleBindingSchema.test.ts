import { describe, expect, it } from 'vitest';
import { roleBindingIdSchema, roleBindingRequestSchema } from '../../../shared/features/access/roleBindingSchema';
import { ALICE, OPS_GROUP, scopes, SUB_A, TENANT } from './fixtures';

function issuesOf(body: unknown): [string, string][] {
  const result = roleBindingRequestSchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
}

describe('roleBindingRequestSchema', () => {
  it('accepts a valid body and normalises ids and the scope', () => {
    const result = roleBindingRequestSchema.parse({
      subject: { kind: 'user', id: ALICE.toUpperCase(), tenantId: TENANT.toUpperCase() },
      role: 'Operator',
      scope: `/SUBSCRIPTIONS/${SUB_A.toUpperCase()}/resourcegroups/rg-prod`,
    });
    expect(result).toEqual({
      subject: { kind: 'user', id: ALICE, tenantId: TENANT },
      role: 'Operator',
      scope: scopes.rgA,
    });
  });

  it('accepts app role and group subjects', () => {
    expect(
      issuesOf({ subject: { kind: 'appRole', id: 'Fleet.Operator' }, role: 'Reader', scope: 'tenant' }),
    ).toEqual([]);
    expect(
      issuesOf({ subject: { kind: 'group', id: OPS_GROUP }, role: 'Reader', scope: scopes.nsA }),
    ).toEqual([]);
  });

  it.each<[string, unknown, [string, RegExp][]]>([
    ['not an object', 'x', [['', /body must be an object/]]],
    [
      'unknown fields',
      { subject: { kind: 'user', id: ALICE }, role: 'Reader', scope: 'tenant', admin: true },
      [['', /unknown field\(s\): admin/]],
    ],
    [
      'unknown subject kind',
      { subject: { kind: 'robot', id: ALICE }, role: 'Reader', scope: 'tenant' },
      [['subject.kind', /subject.kind must be one of/]],
    ],
    [
      'non-GUID user id',
      { subject: { kind: 'user', id: 'alice@contoso.com' }, role: 'Reader', scope: 'tenant' },
      [['subject.id', /GUID/]],
    ],
    [
      'bad app role',
      { subject: { kind: 'appRole', id: 'x y' }, role: 'Reader', scope: 'tenant' },
      [['subject.id', /app role/]],
    ],
    [
      'bad tenant',
      { subject: { kind: 'user', id: ALICE, tenantId: 'contoso' }, role: 'Reader', scope: 'tenant' },
      [['subject.tenantId', /tenant GUID/]],
    ],
    [
      'unknown role',
      { subject: { kind: 'user', id: ALICE }, role: 'owner', scope: 'tenant' },
      [['role', /role must be one of Reader/]],
    ],
    [
      'malformed scope',
      {
        subject: { kind: 'user', id: ALICE },
        role: 'Reader',
        scope: `/subscriptions/${SUB_A}/resourceGroups/..`,
      },
      [['scope', /invalid_resource_group/]],
    ],
    [
      'missing scope',
      { subject: { kind: 'user', id: ALICE }, role: 'Reader' },
      [['scope', /scope must be a string/]],
    ],
  ])('rejects %s with field-named errors', (_label, body, expected) => {
    const issues = issuesOf(body);
    expect(issues).toHaveLength(expected.length);
    expected.forEach(([path, message], index) => {
      expect(issues[index]![0]).toBe(path);
      expect(issues[index]![1]).toMatch(message);
    });
  });
});

describe('roleBindingIdSchema', () => {
  it.each([
    ['rb-1', true],
    ['A_b-9', true],
    ['', false],
    ['-x', false],
    ['a/b', false],
    ["o'neil", false],
    ['x'.repeat(65), false],
  ])('%j valid: %s', (id, valid) => {
    expect(roleBindingIdSchema.safeParse(id).success).toBe(valid);
  });
});
