import { z } from 'zod';
import {
  MAX_GUARDRAIL_ENTRIES,
  MAX_LOCATION_LENGTH,
  MAX_TAG_NAME_LENGTH,
  MAX_TAGS,
  MAX_VERSION_LENGTH,
  MAX_VM_SIZE_PATTERN_LENGTH,
} from './inputLimits';


export const vmFamilySchema = z.enum(['general', 'gpu', 'confidential']).meta({
  description:
    '`gpu` = N-series (Standard_N*), `confidential` = Standard_DC* and Standard_EC*as_v5, `general` = everything else.',
});
export type VmFamily = z.infer<typeof vmFamilySchema>;

/** `/subscriptions/{guid}` or `/subscriptions/{guid}/resourceGroups/{name}`, as ARM spells scopes (any case). */
export const sharedResourceScopeSchema = z
  .string()
  .max(200)
  .regex(
    /^\/subscriptions\/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(\/resourceGroups\/[^/\s]{1,90})?$/i,
    'must be /subscriptions/{id} or /subscriptions/{id}/resourceGroups/{name}',
  );

/**
 * Admin-editable policy applied to every cluster and pool write (and to dry runs).
 * An absent rule allows everything; every violated rule is reported with the field path.
 */
export const guardrailsSchema = z
  .object({
    allowedLocations: z
      .array(z.string().min(1).max(MAX_LOCATION_LENGTH))
      .max(MAX_GUARDRAIL_ENTRIES)
      .optional()
      .describe('Azure regions clusters may be created in.'),
    allowedVmSizes: z
      .array(
        z
          .string()
          .min(1)
          .max(MAX_VM_SIZE_PATTERN_LENGTH)
          .regex(/^[A-Za-z0-9_*-]+$/, 'must be a VM size name, `*` standing for any run of characters'),
      )
      .max(MAX_GUARDRAIL_ENTRIES)
      .optional()
      .describe(
        'Allowed VM sizes, case-insensitive; `*` matches any run of characters (e.g. `Standard_D*s_v5`).',
      ),
    allowedVmFamilies: z.array(vmFamilySchema).max(vmFamilySchema.options.length).optional().describe('Allowed VM families. Omit to allow all.'),
    allowedKubernetesVersions: z
      .array(z.string().max(MAX_VERSION_LENGTH).regex(/^\d+\.\d+(\.\d+)?$/))
      .max(MAX_GUARDRAIL_ENTRIES)
      .optional()
      .describe('Allowed versions; a minor (`1.33`) allows all its patches.'),
    allowPreviewVersions: z
      .boolean()
      .optional()
      .describe('Allow versions the catalogue marks as preview. Default false.'),
    requiredTags: z
      .array(z.string().min(1).max(MAX_TAG_NAME_LENGTH))
      .max(MAX_TAGS)
      .optional()
      .describe('Tag keys every cluster must carry (non-empty value); no more than a resource may carry.'),
    maxNodesPerPool: z
      .int()
      .min(1)
      .optional()
      .describe('Upper bound of a pool: its count, or autoscaler maxCount.'),
    maxNodesPerCluster: z
      .int()
      .min(1)
      .optional()
      .describe('Upper bound of the sum over pools of count or autoscaler maxCount.'),
    requireKubernetesRbac: z.boolean().optional().describe('Kubernetes RBAC must stay on.'),
    requireEntraId: z.boolean().optional().describe('AKS-managed Entra ID integration must be configured.'),
    allowWindows: z.boolean().optional().describe('Allow Windows node pools. Default true.'),
    sharedResourceScopes: z
      .array(sharedResourceScopeSchema)
      .max(50)
      .optional()
      .describe(
        'Subscriptions or resource groups of shared network, monitoring and identity resources: any caller who may ' +
          'write a cluster may point it at a subnet, workspace or identity inside them. Elsewhere the caller needs a ' +
          'role binding covering the referenced resource\'s resource group.',
      ),
  })
  .meta({
    description: 'Fleet guardrails, editable by administrators.',
    example: {
      allowedLocations: ['eastus', 'westeurope'],
      allowedVmFamilies: ['general', 'gpu'],
      allowPreviewVersions: false,
      requiredTags: ['costCenter', 'env'],
      maxNodesPerPool: 50,
      maxNodesPerCluster: 200,
      requireKubernetesRbac: true,
      requireEntraId: true,
      allowWindows: false,
    },
  });
export type Guardrails = z.infer<typeof guardrailsSchema>;
