import { z } from 'zod';
import { MAX_SELECTOR_TAGS, MAX_TAG_NAME_LENGTH, MAX_TAG_VALUE_LENGTH } from './limits';

const tagMatchSchema = z
  .record(z.string().min(1).max(MAX_TAG_NAME_LENGTH), z.string().max(MAX_TAG_VALUE_LENGTH))
  .refine((tags) => Object.keys(tags).length <= MAX_SELECTOR_TAGS, { error: `at most ${MAX_SELECTOR_TAGS} tags` })
  .meta({ description: 'Tags that must all be present with these values (names case-insensitive, values exact).', maxProperties: MAX_SELECTOR_TAGS });

/** Which pools a fleet-wide policy applies to: every condition given must hold. */
export const poolSelectorSchema = z
  .object({
    clusterTags: tagMatchSchema.optional(),
    poolTags: tagMatchSchema.optional(),
    poolMode: z.enum(['System', 'User']).optional(),
    subscriptionId: z
      .string()
      .max(36)
      .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a subscription id (GUID)')
      .optional(),
    resourceGroup: z.string().min(1).max(90).optional(),
  })
  .refine((selector) => selector.resourceGroup === undefined || selector.subscriptionId !== undefined, {
    error: 'a resourceGroup needs its subscriptionId',
    path: ['resourceGroup'],
  })
  .meta({ description: 'Pools the policy applies to; an empty selector selects every pool.' });

export type PoolSelector = z.infer<typeof poolSelectorSchema>;
