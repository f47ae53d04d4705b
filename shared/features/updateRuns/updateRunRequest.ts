import { z } from 'zod';
import { MAX_ARM_ID_LENGTH, MAX_TAG_NAME_LENGTH, MAX_TAG_VALUE_LENGTH, MAX_VERSION_LENGTH } from '../../domain/fleet/inputLimits';
import { gateListSchema, strategyNameSchema } from './updateRunGates';

/** The most members a run may hold: the run is one Table document (see updateRunDocument.ts). */
export const MAX_RUN_MEMBERS = 200;
export const MAX_STAGES = 10;
export const MAX_GROUPS_PER_STAGE = 20;
const MAX_SELECTOR_TAGS = 20;

const CLUSTER_ID =
  /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[-\w.()]{1,90}\/providers\/Microsoft\.ContainerService\/managedClusters\/[a-zA-Z0-9][-_a-zA-Z0-9]{0,62}$/i;

export const clusterIdSchema = z
  .string()
  .max(MAX_ARM_ID_LENGTH)
  .regex(CLUSTER_ID, { error: 'must be a managed cluster id (/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name})' });

const tagSelectorSchema = z
  .record(z.string().min(1).max(MAX_TAG_NAME_LENGTH), z.string().max(MAX_TAG_VALUE_LENGTH))
  .refine((tags) => Object.keys(tags).length >= 1 && Object.keys(tags).length <= MAX_SELECTOR_TAGS, { error: `must name 1-${MAX_SELECTOR_TAGS} tags` })
  .meta({ description: 'Clusters of the inventory carrying every one of these tags (names compared case-insensitively, values exactly).', maxProperties: MAX_SELECTOR_TAGS });

/** Which clusters: explicit ids, or a tag selector over the inventory (resolved again, and frozen, on start). */
export const memberSelectionSchema = z
  .strictObject({
    clusterIds: z.array(clusterIdSchema).min(1).max(MAX_RUN_MEMBERS).optional(),
    tagSelector: tagSelectorSchema.optional(),
  })
  .refine((members) => (members.clusterIds === undefined) !== (members.tagSelector === undefined), {
    error: 'give exactly one of clusterIds or tagSelector',
  });
export type MemberSelection = z.infer<typeof memberSelectionSchema>;

/** A count (number or digits) or a percentage, as Fleet Manager takes them. */
const countOrPercentSchema = z.union([
  z.int().min(0).max(1000),
  z.string().max(4).regex(/^(\d{1,3}|100%|[1-9]?\d%)$/, { error: 'must be a count or a percentage 0%-100%' }),
]);

const groupSchema = z.strictObject({
  name: strategyNameSchema,
  /** Which of the run's members belong here; a member goes to the first group that takes it. Absent: every member left. */
  members: memberSelectionSchema.optional(),
  maxConcurrency: countOrPercentSchema.optional().describe('Members upgraded at once (count or % of the group, rounded down, at least 1; default 1).'),
  maxAllowedFailures: countOrPercentSchema.optional().describe('Failed members the group tolerates (count or %, rounded up; default 0).'),
  beforeGates: gateListSchema,
  afterGates: gateListSchema,
});
export type GroupRequest = z.infer<typeof groupSchema>;

const stageSchema = z.strictObject({
  name: strategyNameSchema,
  groups: z.array(groupSchema).min(1).max(MAX_GROUPS_PER_STAGE),
  maxConcurrency: countOrPercentSchema.optional().describe('Groups of the stage run at once (count or %, default 50).'),
  afterStageWaitInSeconds: z.int().min(0).max(604_800).default(0),
  beforeGates: gateListSchema,
  afterGates: gateListSchema,
});
export type StageRequest = z.infer<typeof stageSchema>;

export const strategySchema = z
  .strictObject({
    stages: z.array(stageSchema).min(1).max(MAX_STAGES),
    /** A failed health gate rolls the member's node pools back to their previous version (AKS node-pool rollback). */
    rollbackOnFailedHealthGate: z.boolean().default(false),
  })
  .superRefine((strategy, context) => {
    const seen = new Set<string>();
    strategy.stages.forEach((stage, s) => {
      if (seen.has(stage.name.toLowerCase())) context.addIssue({ code: 'custom', path: ['stages', s, 'name'], message: 'stage names must be unique' });
      seen.add(stage.name.toLowerCase());
      const groups = new Set<string>();
      stage.groups.forEach((group, g) => {
        if (groups.has(group.name.toLowerCase())) {
          context.addIssue({ code: 'custom', path: ['stages', s, 'groups', g, 'name'], message: 'group names must be unique within a stage' });
        }
        groups.add(group.name.toLowerCase());
      });
    });
  });
export type StrategyRequest = z.infer<typeof strategySchema>;

export const UPGRADE_TYPES = ['Full', 'ControlPlaneOnly', 'NodeImageOnly'] as const;
export type RunUpgradeType = (typeof UPGRADE_TYPES)[number];

const kubernetesVersionSchema = z
  .string()
  .max(MAX_VERSION_LENGTH)
  .regex(/^\d{1,3}\.\d{1,3}(\.\d{1,4})?$/, { error: 'must be x.y.z or x.y' });

export const createUpdateRunSchema = z
  .strictObject({
    name: z.string().max(100).optional(),
    upgradeType: z.enum(UPGRADE_TYPES),
    kubernetesVersion: kubernetesVersionSchema.optional().describe('Target of Full and ControlPlaneOnly runs (x.y = its latest GA patch).'),
    nodeImageSelection: z
      .enum(['Latest', 'Consistent'])
      .default('Latest')
      .describe(
        'NodeImageOnly runs. Latest: each pool takes the newest image of its region at its turn. Consistent: every pool of an image family goes to the newest image all of the run\'s pools of that family are offered (chosen at the plan); a pool whose region offers only a newer one is a blocking problem, as AKS upgrades a pool only to its region\'s newest image.',
      ),
    members: memberSelectionSchema,
    strategy: strategySchema.optional().describe('Absent: one stage with one group of every member.'),
  })
  .superRefine((request, context) => {
    const needsVersion = request.upgradeType !== 'NodeImageOnly';
    if (needsVersion && !request.kubernetesVersion) {
      context.addIssue({ code: 'custom', path: ['kubernetesVersion'], message: `is required for upgradeType ${request.upgradeType}` });
    }
    if (!needsVersion && request.kubernetesVersion) {
      context.addIssue({ code: 'custom', path: ['kubernetesVersion'], message: 'must be absent for upgradeType NodeImageOnly' });
    }
  });
export type CreateUpdateRunRequest = z.infer<typeof createUpdateRunSchema>;

/** The same schema, named for the OpenAPI document (the stored run embeds the request as given). */
export const namedCreateUpdateRunSchema = createUpdateRunSchema.meta({ id: 'CreateUpdateRun' });

/** The strategy used when the request has none. */
export const DEFAULT_STRATEGY: StrategyRequest = {
  stages: [{ name: 'default', groups: [{ name: 'default', beforeGates: [], afterGates: [] }], afterStageWaitInSeconds: 0, beforeGates: [], afterGates: [] }],
  rollbackOnFailedHealthGate: false,
};
