import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../shared/domain/access/caller';
import type { RoleBinding } from '../../../shared/domain/access/roleBinding';
import { inventoryVisibility } from '../../../shared/features/inventory/inventoryAccess';
import type { InventoryRecord } from '../../../shared/features/inventory/inventoryRecord';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ALICE = '1f0c4d5e-0000-4000-8000-000000000001';
const SUB_A = 'aaaaaaaa-1111-4111-8111-111111111111';
const SUB_B = 'bbbbbbbb-2222-4222-8222-222222222222';
const caller: Caller = {
  tenantId: TENANT,
  objectId: ALICE,
  kind: 'user',
  appRoles: [],
  groups: [],
  groupsOverage: false,
};
const binding = (id: string, role: RoleBinding['role'], scope: string): RoleBinding => ({
  id,
  role,
  scope,
  subject: { kind: 'user', id: ALICE },
});
const record = (subscriptionId: string, resourceGroup: string, name: string) =>
  ({
    id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${name}`,
  }) as InventoryRecord;

describe('inventoryVisibility', () => {
  it('shows everything under the filter scope to a caller who may list there', () => {
    const visibility = inventoryVisibility(
      caller,
      `/subscriptions/${SUB_A}`,
      [binding('b1', 'Reader', `/subscriptions/${SUB_A}`)],
      {},
    );
    expect(visibility.decision.allowed).toBe(true);
    expect(visibility.visible).toBeUndefined();
    expect(visibility.mayShow).toBeUndefined();
  });

  it('narrows a tenant-wide listing to the scopes where the caller may get clusters', () => {
    const bindings = [
      binding('b1', 'Reader', `/subscriptions/${SUB_A}/resourceGroups/rg-1`),
      binding(
        'b2',
        'Operator',
        `/subscriptions/${SUB_B}/resourceGroups/rg-2/providers/Microsoft.ContainerService/managedClusters/c9`,
      ),
      binding(
        'b3',
        'Admin',
        `/subscriptions/${SUB_B}/resourceGroups/rg-2/providers/Microsoft.ContainerService/managedClusters/c8/namespaces/team`,
      ),
    ];
    const visibility = inventoryVisibility(caller, 'tenant', bindings, {});
    expect(visibility.decision).toMatchObject({ allowed: true, matchedBindingId: 'b2' });
    expect(visibility.visible).toEqual([
      { subscriptionId: SUB_B, resourceGroup: 'rg-2', clusterName: 'c9' },
      { subscriptionId: SUB_A, resourceGroup: 'rg-1' },
    ]);
    expect(visibility.subscriptions?.sort()).toEqual([SUB_A, SUB_B]);
    expect(visibility.mayShow?.(record(SUB_A, 'RG-1', 'any'))).toBe(true);
    expect(visibility.mayShow?.(record(SUB_B, 'rg-2', 'c9'))).toBe(true);
    expect(visibility.mayShow?.(record(SUB_B, 'rg-2', 'c8'))).toBe(false);
    expect(visibility.mayShow?.(record(SUB_A, 'rg-2', 'c1'))).toBe(false);
  });

  it('ignores bindings outside the filter scope and denies when nothing is left', () => {
    const bindings = [binding('b1', 'Reader', `/subscriptions/${SUB_A}/resourceGroups/rg-1`)];
    const visibility = inventoryVisibility(caller, `/subscriptions/${SUB_B}`, bindings, {});
    expect(visibility.decision).toMatchObject({ allowed: false, code: 'no_binding' });
    expect(inventoryVisibility(caller, 'tenant', [], {}).decision.allowed).toBe(false);
  });

  it('counts app roles at tenant scope when the deployment says so', () => {
    const reader = { ...caller, appRoles: ['Fleet.Reader'] };
    expect(
      inventoryVisibility(reader, 'tenant', [], { appRolesGrantTenantScope: true }).decision.allowed,
    ).toBe(true);
    expect(inventoryVisibility(reader, 'tenant', [], {}).decision.allowed).toBe(false);
  });
});
