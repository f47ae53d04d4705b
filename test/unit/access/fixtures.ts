import type { Caller, Role, RoleBinding, Subject } from '../../../shared/domain/access';

export const TENANT = '11111111-1111-4111-8111-111111111111';
export const OTHER_TENANT = '22222222-2222-4222-8222-222222222222';
export const ALICE = 'a11ce000-0000-4000-8000-000000000001';
export const BOB = 'b0b00000-0000-4000-8000-000000000002';
export const OPS_GROUP = '90000000-0000-4000-8000-0000000000a1';
export const SUB_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const SUB_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

export const scopes = {
  tenant: 'tenant',
  subA: `/subscriptions/${SUB_A}`,
  subB: `/subscriptions/${SUB_B}`,
  rgA: `/subscriptions/${SUB_A}/resourceGroups/rg-prod`,
  rgA2: `/subscriptions/${SUB_A}/resourceGroups/rg-dev`,
  clusterA: `/subscriptions/${SUB_A}/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aks-1`,
  clusterA2: `/subscriptions/${SUB_A}/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aks-2`,
  nsA: `/subscriptions/${SUB_A}/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aks-1/namespaces/team-a`,
  nsA2: `/subscriptions/${SUB_A}/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aks-1/namespaces/team-b`,
  clusterB: `/subscriptions/${SUB_B}/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aks-1`,
} as const;

export function user(objectId: string = ALICE, overrides: Partial<Caller> = {}): Caller {
  return {
    tenantId: TENANT,
    objectId,
    kind: 'user',
    appRoles: [],
    groups: [],
    groupsOverage: false,
    ...overrides,
  };
}

let sequence = 0;
export function binding(
  role: Role,
  scope: string,
  subject: Subject = { kind: 'user', id: ALICE },
): RoleBinding {
  sequence += 1;
  return { id: `rb-${role.toLowerCase()}-${sequence}`, subject, role, scope };
}

/** Flips the case of every other letter: same ARM id for Azure, different string. */
export function caseVariant(id: string): string {
  return [...id].map((char, index) => (index % 2 === 0 ? char.toUpperCase() : char.toLowerCase())).join('');
}
