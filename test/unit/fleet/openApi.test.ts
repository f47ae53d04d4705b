import './support/zodOpenApi';
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { describe, expect, it } from 'vitest';
import {
  clusterPatchSchema,
  clusterSpecSchema,
  clusterViewSchema,
  versionRadarEntrySchema,
} from '../../../shared/domain/fleet/clusterSpec';
import { guardrailsSchema } from '../../../shared/domain/fleet/guardrailsSchema';
import {
  nodePoolPatchSchema,
  nodePoolPutSchema,
  nodePoolViewSchema,
} from '../../../shared/domain/fleet/nodePoolSpec';
import { versionSupportCalendarSchema } from '../../../shared/domain/fleet/versionSupportCalendar';

/** The lead registers the schemas; this checks they all convert, with their documentation, in a private registry. */
function components(): Record<string, Record<string, unknown>> {
  const registry = new OpenAPIRegistry();
  const schemas = {
    ClusterSpec: clusterSpecSchema,
    ClusterPatch: clusterPatchSchema,
    ClusterView: clusterViewSchema,
    NodePoolPut: nodePoolPutSchema,
    NodePoolPatch: nodePoolPatchSchema,
    NodePoolView: nodePoolViewSchema,
    Guardrails: guardrailsSchema,
    VersionRadarEntry: versionRadarEntrySchema,
    VersionSupportCalendar: versionSupportCalendarSchema,
  };
  for (const [name, schema] of Object.entries(schemas)) registry.register(name, schema);
  const document = new OpenApiGeneratorV31(registry.definitions).generateComponents();
  return (document.components?.schemas ?? {}) as Record<string, Record<string, unknown>>;
}

describe('OpenAPI generation', () => {
  const schemas = components();

  it('converts every exported schema', () => {
    expect(Object.keys(schemas).sort()).toEqual([
      'ClusterPatch',
      'ClusterSpec',
      'ClusterView',
      'Guardrails',
      'NodePoolPatch',
      'NodePoolPut',
      'NodePoolView',
      'VersionRadarEntry',
      'VersionSupportCalendar',
    ]);
  });

  it('carries descriptions, examples and required fields', () => {
    const spec = schemas.ClusterSpec!;
    expect(spec.description).toBe('Desired state of an AKS cluster.');
    expect(spec.example).toMatchObject({ location: 'eastus', kubernetesVersion: '1.33' });
    expect(spec.required).toEqual(['location', 'nodePools']);
    const properties = spec.properties as Record<string, { description?: string }>;
    expect(properties.kubernetesRbac?.description).toContain('Default true');
    expect(schemas.ClusterPatch!.required ?? []).toEqual([]);
  });

  it('documents the version support calendar with its example, bounds and closed shape', () => {
    const calendar = schemas.VersionSupportCalendar!;
    expect(versionSupportCalendarSchema.parse(calendar.example)).toEqual(calendar.example);
    expect(calendar.additionalProperties).toBe(false);
    const properties = calendar.properties as Record<string, { maxProperties?: number; additionalProperties?: unknown }>;
    expect(properties.endOfSupport).toMatchObject({ maxProperties: 100, additionalProperties: { type: 'string', format: 'date' } });
    expect(properties.endOfLongTermSupport).toMatchObject({ maxProperties: 100 });
  });
});
