/**
 * Upper bounds of what the API accepts, at Azure's and AKS's own limits where they publish one, so that no
 * field can make validation, guardrails or a log line cost more than a request should. Every bound is in the
 * zod schemas, so the OpenAPI document states it (maxLength, maxItems, maxProperties).
 */

/** ARM tags: at most 50 name-value pairs per resource; names ≤ 512 characters, values ≤ 256
 * (learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations). */
export const MAX_TAGS = 50;
export const MAX_TAG_NAME_LENGTH = 512;
export const MAX_TAG_VALUE_LENGTH = 256;

/** AKS: at most 100 node pools per cluster (learn.microsoft.com/azure/aks/quotas-skus-regions). */
export const MAX_NODE_POOLS = 100;

/** Kubernetes label keys: an optional DNS-subdomain prefix (≤ 253) and `/`, then a name ≤ 63; values ≤ 63
 * (kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set). */
export const MAX_LABEL_KEY_LENGTH = 253 + 1 + 63;
export const MAX_LABEL_VALUE_LENGTH = 63;
/** A taint is `key[=value]:Effect`: a label-sized key and value plus the longest effect (PreferNoSchedule). */
export const MAX_TAINT_LENGTH = MAX_LABEL_KEY_LENGTH + 1 + MAX_LABEL_VALUE_LENGTH + 1 + 'PreferNoSchedule'.length;
/** AKS publishes no count of node labels or taints per pool; these bounds are ours and far above real use. */
export const MAX_NODE_LABELS = 100;
export const MAX_NODE_TAINTS = 50;

/** Azure VM size names are under 30 characters (`Standard_ND96isr_H100_v5`); anything longer is not a size. */
export const MAX_VM_SIZE_LENGTH = 64;
/** Region names (`southafricanorth`) are short identifiers. */
export const MAX_LOCATION_LENGTH = 64;
/** `1.33` or `1.33.2`; generous for three numbers. */
export const MAX_VERSION_LENGTH = 32;
/** No published maximum for an ARM resource id; the longest ids we take (a subnet) stay far below this. */
export const MAX_ARM_ID_LENGTH = 1024;
/** Entra admin groups of a cluster: no published AKS maximum; ours. */
export const MAX_ADMIN_GROUPS = 50;

/** Guardrail lists: bounded so that one policy check stays cheap (Azure has under 100 regions). */
export const MAX_GUARDRAIL_ENTRIES = 100;
/** A guardrail VM-size pattern: a size name with `*` wildcards. */
export const MAX_VM_SIZE_PATTERN_LENGTH = MAX_VM_SIZE_LENGTH;
