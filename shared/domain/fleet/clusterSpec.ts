import { z } from 'zod';
import { kubernetesVersionSchema, nodePoolSpecSchema, nodePoolViewSchema } from './nodePoolSpec';
import {
  MAX_ADMIN_GROUPS,
  MAX_ARM_ID_LENGTH,
  MAX_LOCATION_LENGTH,
  MAX_NODE_POOLS,
  MAX_TAG_NAME_LENGTH,
  MAX_TAG_VALUE_LENGTH,
  MAX_TAGS,
} from './inputLimits';


const armResourceIdSchema = z
  .string()
  .max(MAX_ARM_ID_LENGTH)
  .regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/.+/i, 'must be an Azure resource ID');
const guidSchema = z.guid();

export const networkPluginSchema = z.enum(['kubenet', 'azure', 'azureOverlay']).meta({
  description:
    '`kubenet` (AKS default), `azure` (Azure CNI, pod IPs from the subnet) or `azureOverlay` (Azure CNI overlay).',
});
export type NetworkPlugin = z.infer<typeof networkPluginSchema>;

const cidrSchema = z
  .string()
  .max(18)
  .regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'must be an IPv4 CIDR such as 10.0.0.0/16');
const ipv4Schema = z.ipv4().max(15);

export const networkSchema = z
  .object({
    plugin: networkPluginSchema.optional(),
    policy: z.enum(['none', 'calico', 'azure', 'cilium']).optional().describe('Network policy engine.'),
    subnetId: armResourceIdSchema.optional().describe('Existing subnet for the nodes (every pool).'),
    podCidr: cidrSchema.optional().describe('Pod CIDR (kubenet and overlay). AKS default 10.244.0.0/16.'),
    serviceCidr: cidrSchema.optional().describe('Service CIDR. AKS default 10.0.0.0/16.'),
    dnsServiceIp: ipv4Schema
      .optional()
      .describe('Cluster DNS service IP, inside serviceCidr. AKS default 10.0.0.10.'),
  })
  .meta({
    description: 'Cluster networking.',
    example: {
      plugin: 'azureOverlay',
      subnetId:
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-aks/subnets/aks',
    },
  });

export const entraIdSchema = z
  .object({
    adminGroupObjectIds: z.array(guidSchema).max(MAX_ADMIN_GROUPS).optional().describe('Entra ID groups that get cluster-admin.'),
    azureRbac: z
      .boolean()
      .optional()
      .describe('Authorize Kubernetes API calls with Azure RBAC. Default false.'),
    tenantId: guidSchema.optional().describe('Tenant of the groups; defaults to the subscription tenant.'),
  })
  .meta({
    description: 'AKS-managed Entra ID integration.',
    example: { adminGroupObjectIds: ['00000000-0000-0000-0000-000000000001'], azureRbac: true },
  });

export const monitoringSchema = z
  .object({ logAnalyticsWorkspaceId: armResourceIdSchema.describe('Log Analytics workspace resource ID.') })
  .meta({ description: 'Container Insights (omsagent add-on) sending to a Log Analytics workspace.' });

export const autoUpgradeSchema = z
  .object({
    channel: z
      .enum(['none', 'patch', 'stable', 'rapid', 'node-image'])
      .optional()
      .describe('Cluster auto-upgrade channel. AKS default none.'),
    nodeOsChannel: z
      .enum(['None', 'Unmanaged', 'NodeImage', 'SecurityPatch'])
      .optional()
      .describe('Node OS upgrade channel. AKS default NodeImage.'),
  })
  .meta({
    description: 'Automatic upgrades.',
    example: { channel: 'stable', nodeOsChannel: 'NodeImage' },
  });

export const identitySchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('SystemAssigned') }),
    z.object({ type: z.literal('UserAssigned'), userAssignedIdentityId: armResourceIdSchema }),
  ])
  .meta({ description: 'Control plane identity. Default SystemAssigned.' });

/** ARM refuses these characters in tag names. */
const TAG_NAME = /^[^<>%&\\?/]+$/;
const tagsSchema = z
  .record(
    z.string().min(1).max(MAX_TAG_NAME_LENGTH).regex(TAG_NAME, 'tag names must not contain < > % & \\ ? /'),
    z.string().max(MAX_TAG_VALUE_LENGTH),
  )
  .refine((tags) => Object.keys(tags).length <= MAX_TAGS, { error: `at most ${MAX_TAGS} tags` })
  .meta({ description: 'Azure resource tags.', maxProperties: MAX_TAGS });

const clusterFields = {
  location: z
    .string()
    .max(MAX_LOCATION_LENGTH)
    .regex(/^[a-z0-9]+$/, 'must be an Azure region name such as eastus')
    .describe('Azure region.'),
  kubernetesVersion: kubernetesVersionSchema
    .optional()
    .describe('Control plane version. AKS default: the region default.'),
  tags: tagsSchema.optional(),
  dnsPrefix: z
    .string()
    .max(54)
    .regex(/^[a-zA-Z0-9][-a-zA-Z0-9]{0,52}[a-zA-Z0-9]$|^[a-zA-Z0-9]$/)
    .optional()
    .describe('API server DNS prefix.'),
  tier: z.enum(['Free', 'Standard', 'Premium']).optional().describe('AKS pricing tier. Default Free.'),
  kubernetesRbac: z.boolean().optional().describe('Kubernetes RBAC. Default true.'),
  entraId: entraIdSchema.optional(),
  monitoring: monitoringSchema.optional(),
  network: networkSchema.optional(),
  webAppRouting: z
    .object({ enabled: z.boolean() })
    .optional()
    .describe('Managed NGINX ingress (application routing add-on).'),
  autoUpgrade: autoUpgradeSchema.optional(),
  identity: identitySchema.optional(),
};

export const clusterSpecExample = {
  location: 'eastus',
  kubernetesVersion: '1.33',
  tags: { costCenter: 'cc-42', env: 'prod' },
  nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3 }],
} as const;

/** Body of `PUT …/clusters/{c}` (create or replace). */
export const clusterSpecSchema = z
  .object({
    ...clusterFields,
    nodePools: z.array(nodePoolSpecSchema).min(1).max(MAX_NODE_POOLS).describe('Node pools; at least one System pool.'),
  })
  .meta({ description: 'Desired state of an AKS cluster.', example: clusterSpecExample });
export type ClusterSpec = z.infer<typeof clusterSpecSchema>;

/**
 * Body of `PATCH …/clusters/{c}`: every field optional; a present field replaces the current value
 * (objects such as `network` are merged one level deep). Node pools are changed through their own endpoints.
 */
export const clusterPatchSchema = z
  .object({
    ...z.object(clusterFields).partial().shape,
    network: networkSchema.partial().optional(),
    autoUpgrade: autoUpgradeSchema.partial().optional(),
    monitoring: monitoringSchema.nullable().optional().describe('null disables monitoring.'),
  })
  .meta({
    description: 'Partial update of a cluster.',
    example: { kubernetesVersion: '1.34', tags: { env: 'prod' } },
  });
export type ClusterPatch = z.infer<typeof clusterPatchSchema>;

/** GET response: effective settings (AKS defaults included), read-only status, never secrets. */
export const clusterViewSchema = z
  .object({
    ...clusterFields,
    id: z.string().optional(),
    name: z.string().optional(),
    location: z.string(),
    kubernetesVersion: z.string().optional(),
    dnsPrefix: z.string().optional(),
    entraId: z
      .object({
        adminGroupObjectIds: z.array(z.string()).optional(),
        azureRbac: z.boolean(),
        tenantId: z.string().optional(),
      })
      .optional(),
    monitoring: z.object({ logAnalyticsWorkspaceId: z.string() }).optional(),
    kubernetesRbac: z.boolean(),
    network: z.object({
      plugin: z.enum(['kubenet', 'azure', 'azureOverlay', 'none']),
      policy: z.string().optional(),
      subnetId: z.string().optional(),
      podCidr: z.string().optional(),
      serviceCidr: z.string().optional(),
      dnsServiceIp: z.string().optional(),
    }),
    autoUpgrade: z.object({ channel: z.string(), nodeOsChannel: z.string() }),
    identity: z.object({ type: z.string(), userAssignedIdentityId: z.string().optional() }).optional(),
    tier: z.string().optional(),
    nodePools: z.array(nodePoolViewSchema),
    provisioningState: z.string().optional(),
    powerState: z.string().optional(),
    currentKubernetesVersion: z.string().optional(),
    fqdn: z.string().optional(),
    nodeResourceGroup: z.string().optional(),
    addons: z
      .array(z.string())
      .describe(
        'Enabled AKS add-ons, including ones Fleetplane turned on for you (e.g. ACCSGXDevicePlugin).',
      ),
  })
  .meta({ description: 'Effective settings of a cluster, AKS defaults included.' });
export type ClusterView = z.infer<typeof clusterViewSchema>;

/** Support status of a cluster's version (AKS policy: N-2 GA minors supported, N-3 platform support). Inventory filter. */
export const supportStatusSchema = z
  .enum(['supported', 'platformSupport', 'outOfSupport', 'preview', 'unknown'])
  .meta({
    description:
      'supported = within the 3 newest GA minors; platformSupport = N-3; outOfSupport = older; preview = newer than the newest GA minor.',
  });

/** One line of the version radar. */
export const versionRadarEntrySchema = z
  .object({
    currentVersion: z.string(),
    availableUpgrades: z
      .array(z.object({ version: z.string(), isPreview: z.boolean() }))
      .describe('One-step upgrades: higher patches and the next minor.'),
    support: z.object({
      status: supportStatusSchema,
      minorsBehindLatest: z.int().optional(),
      latestGaMinor: z.string().optional(),
      endOfSupport: z.string().optional(),
      daysToEndOfSupport: z.int().optional(),
    }),
  })
  .meta({
    description: 'Version radar of a cluster.',
    example: {
      currentVersion: '1.32.7',
      availableUpgrades: [{ version: '1.33.2', isPreview: false }],
      support: {
        status: 'platformSupport',
        minorsBehindLatest: 3,
        latestGaMinor: '1.35',
        endOfSupport: '2026-03-31',
        daysToEndOfSupport: 30,
      },
    },
  });
export type VersionRadarEntryView = z.infer<typeof versionRadarEntrySchema>;
