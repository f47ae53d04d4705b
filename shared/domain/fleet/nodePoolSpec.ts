import { z } from 'zod';
import {
  MAX_LABEL_KEY_LENGTH,
  MAX_LABEL_VALUE_LENGTH,
  MAX_NODE_LABELS,
  MAX_NODE_TAINTS,
  MAX_TAINT_LENGTH,
  MAX_VERSION_LENGTH,
  MAX_VM_SIZE_LENGTH,
} from './inputLimits';


/** `1.33` (alias of the latest GA patch of that minor) or `1.33.2`. */
export const kubernetesVersionSchema = z
  .string()
  .max(MAX_VERSION_LENGTH)
  .regex(/^\d+\.\d+(\.\d+)?$/, 'must look like 1.33 or 1.33.2')
  .meta({
    description: 'Kubernetes version: a minor (`1.33`, latest GA patch) or a patch (`1.33.2`).',
    example: '1.33',
  });

/** AKS agent pool naming rule; Windows pools are further limited to 6 characters (an AKS rule, checked in the domain). */
export const nodePoolNameSchema = z
  .string()
  .max(12)
  .regex(/^[a-z][a-z0-9]{0,11}$/, 'must be 1-12 lowercase letters or digits, starting with a letter')
  .meta({
    description: 'Pool name: 1-12 lowercase letters or digits, starting with a letter (Windows: at most 6).',
    example: 'system',
  });

export const nodePoolModeSchema = z.enum(['System', 'User']).meta({
  description:
    'System pools host critical system pods (must be Linux, at least one per cluster); User pools host workloads.',
});

export const osTypeSchema = z.enum(['Linux', 'Windows']);

export const linuxOsSkus = [
  'Ubuntu',
  'Ubuntu2204',
  'Ubuntu2404',
  'AzureLinux',
  'AzureLinux3',
  'AzureContainerLinux',
] as const;
export const windowsOsSkus = ['Windows2019', 'Windows2022', 'Windows2025'] as const;
export const osSkuSchema = z.enum([...linuxOsSkus, ...windowsOsSkus]).meta({
  description: 'Node image OS. Windows SKUs require `osType: Windows`.',
});

export const availabilityZoneSchema = z.enum(['1', '2', '3']);

const taintPattern =
  /^[A-Za-z0-9][-A-Za-z0-9_./]*(=[-A-Za-z0-9_.]*)?:(NoSchedule|PreferNoSchedule|NoExecute)$/;
export const nodeTaintSchema = z
  .string()
  .max(MAX_TAINT_LENGTH)
  .regex(taintPattern, 'must be key[=value]:NoSchedule|PreferNoSchedule|NoExecute')
  .meta({ example: 'sku=gpu:NoSchedule' });

export const autoscalerSchema = z
  .object({
    minCount: z.int().min(0).max(1000).describe('Lowest node count the cluster autoscaler may scale to.'),
    maxCount: z.int().min(1).max(1000).describe('Highest node count the cluster autoscaler may scale to.'),
  })
  .meta({
    description: 'Enables the cluster autoscaler on the pool. `minCount <= count <= maxCount`.',
    example: { minCount: 2, maxCount: 10 },
  });

export const upgradeSettingsSchema = z
  .object({
    maxSurge: z
      .string()
      .max(4)
      .regex(/^([1-9]\d*|[1-9]\d?%|100%)$/, 'must be a node count (e.g. "3") or a percentage (e.g. "33%")')
      .optional()
      .describe(
        'Extra nodes added during an upgrade: a count or a percentage of the pool. AKS default "10%".',
      ),
    drainTimeoutMinutes: z
      .int()
      .min(1)
      .max(1440)
      .optional()
      .describe('Eviction wait per node, minutes. AKS default 30.'),
    soakMinutes: z
      .int()
      .min(0)
      .max(30)
      .optional()
      .describe('Wait after draining a node before reimaging it, minutes. AKS default 0.'),
  })
  .meta({
    description: 'Rolling upgrade settings.',
    example: { maxSurge: '33%', drainTimeoutMinutes: 30, soakMinutes: 0 },
  });

export const spotSchema = z
  .object({
    evictionPolicy: z
      .enum(['Delete', 'Deallocate'])
      .optional()
      .describe('What happens to evicted nodes. AKS default Delete.'),
    maxPrice: z
      .number()
      .refine((price) => price === -1 || price > 0, 'must be -1 (pay up to on-demand) or a positive price')
      .optional()
      .describe('Maximum price per hour in US dollars, or -1 for the on-demand price (AKS default).'),
  })
  .meta({
    description: 'Run the pool on Spot VMs (User pools only).',
    example: { evictionPolicy: 'Delete', maxPrice: -1 },
  });

/** Every pool field except the name; shared by the cluster-embedded pool, the standalone pool PUT and its PATCH. */
const nodePoolFields = {
  mode: nodePoolModeSchema.optional().describe('Pool mode. Default User.'),
  vmSize: z
    .string()
    .max(MAX_VM_SIZE_LENGTH)
    .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'must be an Azure VM size such as Standard_D4s_v5')
    .describe('Azure VM size.'),
  count: z
    .int()
    .min(0)
    .max(1000)
    .optional()
    .describe('Node count (System pools: at least 1). Default 1, or minCount with the autoscaler.'),
  osType: osTypeSchema.optional().describe('Default Linux.'),
  osSku: osSkuSchema.optional(),
  orchestratorVersion: kubernetesVersionSchema
    .optional()
    .describe('Pool Kubernetes version; defaults to the control plane version.'),
  availabilityZones: z
    .array(availabilityZoneSchema)
    .min(1)
    .max(3)
    .optional()
    .describe('Zones to spread nodes over.'),
  spot: spotSchema.optional(),
  labels: z
    .record(z.string().min(1).max(MAX_LABEL_KEY_LENGTH), z.string().max(MAX_LABEL_VALUE_LENGTH))
    .refine((labels) => Object.keys(labels).length <= MAX_NODE_LABELS, { error: `at most ${MAX_NODE_LABELS} labels` })
    .optional()
    .meta({ description: 'Kubernetes node labels.', maxProperties: MAX_NODE_LABELS }),
  taints: z.array(nodeTaintSchema).max(MAX_NODE_TAINTS).optional().describe('Kubernetes node taints, `key[=value]:Effect`.'),
  autoscaler: autoscalerSchema.optional(),
  upgradeSettings: upgradeSettingsSchema.optional(),
  maxPods: z
    .int()
    .min(10)
    .max(250)
    .optional()
    .describe('Maximum pods per node. AKS default: 110 kubenet, 250 Azure CNI overlay, 30 Azure CNI.'),
  osDiskSizeGB: z.int().min(30).max(2048).optional().describe('OS disk size in GB.'),
};

const nodePoolExample = {
  name: 'gpu',
  mode: 'User',
  vmSize: 'Standard_NC6s_v3',
  count: 2,
  autoscaler: { minCount: 1, maxCount: 4 },
  taints: ['sku=gpu:NoSchedule'],
  labels: { workload: 'ml' },
} as const;

const { name: _poolName, ...nodePoolPutExample } = nodePoolExample;

/** A node pool as written inside a cluster spec. */
export const nodePoolSpecSchema = z
  .object({ name: nodePoolNameSchema, ...nodePoolFields })
  .meta({ description: 'A node pool of the cluster.', example: nodePoolExample });
export type NodePoolSpec = z.infer<typeof nodePoolSpecSchema>;

/** Body of `PUT …/clusters/{c}/nodePools/{p}`: the name comes from the path. */
export const nodePoolPutSchema = z.object(nodePoolFields).meta({
  description: 'Create or replace a node pool; the name is the last path segment.',
  example: nodePoolPutExample,
});
export type NodePoolPut = z.infer<typeof nodePoolPutSchema>;

/**
 * Body of `PATCH …/nodePools/{p}`. Every field is optional; present fields replace the current value
 * (labels and taints are replaced as a whole). `autoscaler: null` turns the autoscaler off.
 * Immutable fields (vmSize, osType, osSku, availabilityZones, spot, maxPods, osDiskSizeGB) are accepted
 * so that a change can be reported with its path instead of an unknown-key error.
 */
export const nodePoolPatchSchema = z
  .object({ ...z.object(nodePoolFields).partial().shape, autoscaler: autoscalerSchema.nullable().optional() })
  .meta({
    description: 'Partial update of a node pool.',
    example: { count: 5, labels: { tier: 'batch' } },
  });
export type NodePoolPatch = z.infer<typeof nodePoolPatchSchema>;

const readOnlyPoolFields = {
  provisioningState: z.string().optional(),
  powerState: z.string().optional(),
  currentOrchestratorVersion: z.string().optional(),
  nodeImageVersion: z.string().optional(),
  subnetId: z.string().optional(),
};

/** Effective settings of a node pool as returned by GET: every AKS default filled in, plus read-only status. */
export const nodePoolViewSchema = z
  .object({
    name: z.string(),
    ...nodePoolFields,
    vmSize: z.string(),
    mode: z.enum(['System', 'User', 'Gateway']),
    count: z.int(),
    osType: z.enum(['Linux', 'Windows']),
    osSku: z.string().optional(),
    maxPods: z.int().optional(),
    upgradeSettings: z.object({ maxSurge: z.string(), drainTimeoutMinutes: z.int(), soakMinutes: z.int() }),
    ...readOnlyPoolFields,
  })
  .meta({ description: 'Effective node pool settings, AKS defaults included.' });
export type NodePoolView = z.infer<typeof nodePoolViewSchema>;
