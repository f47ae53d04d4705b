import { describe, expect, it } from 'vitest';
import { allOperations } from '../../shared/features/openapi/allOperations';
import { buildOpenApiDocument } from '../../shared/platform/http/openApiDocument';

type Schema = Record<string, unknown>;

/** Formats whose values have a fixed shape, so a length bound would add nothing. */
const FIXED_SHAPE_FORMATS = new Set(['uuid', 'date-time', 'date', 'ipv4']);

/** Every string, array and map a caller can send, with the JSON path it sits at, that states no upper bound. */
function unboundedIn(schema: Schema | undefined, at: string, components: Record<string, Schema>, seen = new Set<string>()): string[] {
  if (!schema) return [];
  const ref = schema.$ref as string | undefined;
  if (ref) {
    const name = ref.split('/').pop()!;
    if (seen.has(name)) return [];
    return unboundedIn(components[name], at, components, new Set([...seen, name]));
  }
  const found: string[] = [];
  const type = schema.type;
  const types = Array.isArray(type) ? type : [type];
  if (types.includes('string') && schema.maxLength === undefined && !schema.enum && schema.const === undefined && !FIXED_SHAPE_FORMATS.has(schema.format as string)) {
    found.push(`${at} (string without maxLength)`);
  }
  if (types.includes('array') && schema.maxItems === undefined) found.push(`${at} (array without maxItems)`);
  if (types.includes('object') && schema.additionalProperties && schema.maxProperties === undefined) found.push(`${at} (map without maxProperties)`);
  for (const [name, property] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {})) {
    found.push(...unboundedIn(property, `${at}.${name}`, components, seen));
  }
  if (typeof schema.additionalProperties === 'object') found.push(...unboundedIn(schema.additionalProperties as Schema, `${at}.*`, components, seen));
  found.push(...unboundedIn(schema.items as Schema | undefined, `${at}[]`, components, seen));
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    for (const [index, member] of ((schema[key] as Schema[] | undefined) ?? []).entries()) found.push(...unboundedIn(member, `${at}<${index}>`, components, seen));
  }
  return found;
}

describe('input bounds in the OpenAPI document (§5.8 I6)', () => {
  const document = buildOpenApiDocument(allOperations, 'test') as { paths: Record<string, Record<string, Schema>>; components: { schemas: Record<string, Schema> } };
  const components = document.components.schemas;

  it('states a maximum for every string, list and map of every request body and parameter', () => {
    const unbounded: string[] = [];
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const body = (operation.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content?.['application/json']?.schema;
        unbounded.push(...unboundedIn(body, `${method.toUpperCase()} ${path} body`, components));
        for (const parameter of (operation.parameters as { name: string; in: string; schema: Schema }[] | undefined) ?? []) {
          unbounded.push(...unboundedIn(parameter.schema, `${method.toUpperCase()} ${path} ${parameter.in} ${parameter.name}`, components));
        }
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('shows the Azure and AKS limits where they exist', () => {
    const putCluster = document.paths['/api/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/clusters/{clusterName}']!.put!;
    const spec = (putCluster.requestBody as { content: Record<string, { schema: Schema }> }).content['application/json']!.schema as { properties: Record<string, Schema> };
    expect(spec.properties.nodePools).toMatchObject({ maxItems: 100 });
    expect(spec.properties.tags).toMatchObject({ maxProperties: 50, additionalProperties: { maxLength: 256 } });
  });
});
