import type { AgentPool, ManagedCluster } from '@azure/arm-containerservice';

/**
 * Turns an ARM wire body into the v25 SDK model the way its (unexported) deserializers do for the
 * fields the mapping reads: `properties` flattened, `enableRBAC` → `enableRbac`, `enableAzureRBAC` →
 * `enableAzureRbac`, `enableFIPS` → `enableFips`, the pool `type` → `typePropertiesType` on AgentPool.
 */
type Json = Record<string, unknown>;

function renameKeys(value: unknown, renames: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, renames));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Json).map(([key, field]) => [
      renames[key] ?? key,
      key === 'config' || key === 'tags' || key === 'nodeLabels' ? field : renameKeys(field, renames),
    ]),
  );
}

const renames = {
  enableRBAC: 'enableRbac',
  enableAzureRBAC: 'enableAzureRbac',
  enableFIPS: 'enableFips',
  azurePortalFQDN: 'azurePortalFqdn',
  privateFQDN: 'privateFqdn',
};

export function wireManagedCluster(body: unknown): ManagedCluster {
  const { properties, ...envelope } = body as Json & { properties?: Json };
  return renameKeys({ ...envelope, ...properties }, renames) as ManagedCluster;
}

export function wireAgentPool(body: unknown): AgentPool {
  const { properties, ...envelope } = body as Json & { properties?: Json };
  const { type, ...rest } = properties ?? {};
  return renameKeys(
    { ...envelope, ...rest, ...(type === undefined ? {} : { typePropertiesType: type }) },
    renames,
  ) as AgentPool;
}
