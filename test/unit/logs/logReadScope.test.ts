import { describe, expect, it } from 'vitest';
import { parseScope, type Caller, type RoleBinding } from '../../../shared/domain/access';
import { namespaceLogGrants, namespacesOf } from '../../../shared/domain/logs/logReadScope';

const SUB = '00000000-0000-0000-0000-000000000001';
const cluster = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`;
const me: Caller = { tenantId: 't', objectId: 'me', kind: 'user', appRoles: [], groups: ['g1'], groupsOverage: false };
const bind = (id: string, role: RoleBinding['role'], scope: string, subject: RoleBinding['subject'] = { kind: 'user', id: 'me' }): RoleBinding => ({ id, role, scope, subject });

describe('namespaceLogGrants', () => {
  it('keeps Operator-or-above namespace bindings of this cluster, for the caller or its groups', () => {
    const grants = namespaceLogGrants(
      me,
      parseScope(cluster('prod')),
      [
        bind('a', 'Operator', `${cluster('prod')}/namespaces/team-a`),
        bind('b', 'Admin', `${cluster('PROD')}/namespaces/Team-B`, { kind: 'group', id: 'g1' }),
        bind('reader', 'Reader', `${cluster('prod')}/namespaces/team-c`),
        bind('other-cluster', 'Owner', `${cluster('dev')}/namespaces/team-d`),
        bind('someone-else', 'Owner', `${cluster('prod')}/namespaces/team-e`, { kind: 'user', id: 'you' }),
        bind('whole-cluster', 'Operator', cluster('prod')),
        bind('duplicate', 'Operator', `${cluster('prod')}/namespaces/team-a`),
      ],
    );
    expect(grants.map((grant) => grant.binding.id).sort()).toEqual(['a', 'b', 'duplicate']);
    expect(namespacesOf(grants)).toEqual(['team-a', 'team-b']);
  });

  it('finds nothing without bindings', () => {
    expect(namespaceLogGrants(me, parseScope(cluster('prod')), [])).toEqual([]);
  });
});
