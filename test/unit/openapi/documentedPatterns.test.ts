import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { networkSchema } from '../../../shared/domain/fleet/clusterSpec';
import { clusterNameSchema, resourceGroupSchema, subscriptionIdSchema } from '../../../shared/features/clusters/clusters.api';
import { fleetplaneDocument } from '../../support/openapi/fleetplaneDocument';

interface Schema {
  pattern?: string;
  properties?: Record<string, Schema>;
}
interface Operation {
  parameters: { name: string; schema: Schema }[];
  requestBody: { content: Record<string, { schema: Schema }> };
}

const CLUSTER_PATH = '/api/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/clusters/{clusterName}';
const putCluster = (fleetplaneDocument() as { paths: Record<string, Record<string, Operation>> }).paths[CLUSTER_PATH]!.put!;
const parameterPattern = (name: string): string => putCluster.parameters.find((parameter) => parameter.name === name)!.schema.pattern!;
const subnetIdPattern = putCluster.requestBody.content['application/json']!.schema.properties!.network!.properties!.subnetId!.pattern!;

/** Strings near the rule: its own characters, both cases, separators and a few it refuses. */
const candidate = (alphabet: string, maxLength: number) => fc.string({ unit: fc.constantFrom(...alphabet), maxLength });
const GUID_LIKE = fc.oneof(
  fc.uuid().chain((id) => fc.constantFrom(id, id.toUpperCase(), `${id}x`, id.slice(1))),
  candidate('0aAfFgG-', 40),
);
const ARM_ID_LIKE = fc
  .tuple(fc.constantFrom('subscriptions', 'SUBSCRIPTIONS', 'subscription'), fc.constantFrom('resourceGroups', 'resourcegroups', 'groups'), candidate('ab/.', 6))
  .map(([subscriptions, resourceGroups, rest]) => `/${subscriptions}/s/${resourceGroups}/rg/providers/${rest}`);

const RULES: [string, string, z.ZodType, fc.Arbitrary<string>][] = [
  ['subscriptionId', parameterPattern('subscriptionId'), subscriptionIdSchema, GUID_LIKE],
  ['resourceGroup', parameterPattern('resourceGroup'), resourceGroupSchema, candidate('aZ9_-.()é/ ', 95)],
  ['clusterName', parameterPattern('clusterName'), clusterNameSchema, candidate('aZ9_-.', 66)],
  ['network.subnetId', subnetIdPattern, networkSchema.shape.subnetId, ARM_ID_LIKE],
];

describe('the patterns in the OpenAPI document', () => {
  it.each(RULES)('%s: accepts exactly what the API accepts', (_name, pattern, schema, strings) => {
    // JSON Schema validators compile patterns in Unicode mode.
    const documented = new RegExp(pattern, 'u');
    fc.assert(
      fc.property(strings, (value) => {
        expect(documented.test(value), JSON.stringify(value)).toBe(schema.safeParse(value).success);
      }),
      { numRuns: 300 },
    );
  });
});
