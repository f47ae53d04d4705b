import { describe, expect, it } from 'vitest';
import { inventoryQuerySchema, listClusters, syncInventory } from '../../../shared/features/inventory/inventory.api';
import { buildOpenApiDocument } from '../../../shared/platform/http/openApiDocument';

describe('inventory API definitions', () => {
  it('document GET /api/clusters with every filter and POST /api/clusters/sync', () => {
    const document = buildOpenApiDocument([listClusters, syncInventory], '0.0.0-test') as any;
    const list = document.paths['/api/clusters'].get;
    expect(list.operationId).toBe('listClusters');
    expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual(
      [
        'continuationToken',
        'kubernetesVersion',
        'location',
        'pageSize',
        'provisioningState',
        'resourceGroup',
        'subscription',
        'supportEndsWithinDays',
        'supportStatus',
        'tag',
      ].sort(),
    );
    expect(list.responses['200'].content['application/json'].schema).toBeDefined();
    expect(document.paths['/api/clusters/sync'].post.operationId).toBe('syncInventory');
  });

  it('bounds the page size to 1–200 with a default of 100', () => {
    expect(inventoryQuerySchema.parse({}).pageSize).toBe(100);
    expect(inventoryQuerySchema.parse({ pageSize: '200' }).pageSize).toBe(200);
    expect(inventoryQuerySchema.safeParse({ pageSize: '0' }).success).toBe(false);
    expect(inventoryQuerySchema.safeParse({ pageSize: '201' }).success).toBe(false);
  });

  it('takes supportEndsWithinDays as a whole number of days from 0 to 36500, naming the field otherwise', () => {
    expect(inventoryQuerySchema.parse({ supportEndsWithinDays: '0' }).supportEndsWithinDays).toBe(0);
    expect(inventoryQuerySchema.parse({ supportEndsWithinDays: '90' }).supportEndsWithinDays).toBe(90);
    expect(inventoryQuerySchema.parse({ supportEndsWithinDays: '36500' }).supportEndsWithinDays).toBe(36_500);
    expect(inventoryQuerySchema.parse({}).supportEndsWithinDays).toBeUndefined();
    for (const bad of ['-1', '', ' ', '1.5', '1e3', '0x10', 'soon', '36501']) {
      const result = inventoryQuerySchema.safeParse({ supportEndsWithinDays: bad });
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error!.issues.map((issue) => issue.path.join('.'))).toContain('supportEndsWithinDays');
    }
  });

  it('accepts the documented filter forms and rejects others', () => {
    const ok = {
      subscription: 'AAAAAAAA-1111-4111-8111-111111111111',
      resourceGroup: 'rg-(prod).1',
      location: 'West Europe',
      kubernetesVersion: '1.35',
      provisioningState: 'Failed',
      tag: 'cost-center:42:a',
      supportStatus: 'platformSupport',
    };
    expect(inventoryQuerySchema.safeParse(ok).success).toBe(true);
    for (const bad of [
      { subscription: 'sub1' },
      { resourceGroup: 'rg/x' },
      { kubernetesVersion: '1' },
      { provisioningState: 'In Progress' },
      { tag: ':value' },
      { supportStatus: 'supportedish' },
    ]) {
      expect(inventoryQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
