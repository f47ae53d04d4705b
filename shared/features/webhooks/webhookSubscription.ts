import { z } from 'zod';
import { tryParseScope } from '../../domain/access/scope';
import { FLEET_EVENT_TYPES } from '../../domain/events';
import { MAX_WEBHOOK_URL_LENGTH } from '../../domain/webhooks';

const MAX_FILTER_TAGS = 16;
const MAX_DESCRIPTION = 256;

/** Path id of a subscription: safe as a Table partition key and in a URL segment. */
export const subscriptionIdSchema = z
  .string({ error: 'id must be a string' })
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { error: 'id must be 1-64 letters, digits, "-" or "_", starting with a letter or digit' });

const scopeSchema = z
  .string({ error: 'scope must be a string' })
  .max(1024, { error: 'scope must be at most 1024 characters' })
  .transform((scope, context) => {
    const parsed = tryParseScope(scope);
    if (parsed.ok) return parsed.scope.id;
    context.addIssue({ code: 'custom', message: `scope is invalid (${parsed.error.problem}): ${parsed.error.message}` });
    return z.NEVER;
  });

const filterTagsSchema = z
  .record(z.string().min(1).max(512), z.string().max(256))
  .refine((tags) => Object.keys(tags).length <= MAX_FILTER_TAGS, { error: `tags: at most ${MAX_FILTER_TAGS} tags` })
  .meta({ description: "Only events whose data.tags hold every one of these tags (names and values as given).", maxProperties: MAX_FILTER_TAGS });

/** Body of `PUT /api/webhookSubscriptions/{id}`. */
export const subscriptionRequestSchema = z.strictObject({
  url: z.string({ error: 'url must be a string' }).max(MAX_WEBHOOK_URL_LENGTH).meta({ description: 'The receiver: https (http to loopback only in local mode).' }),
  eventTypes: z
    .array(z.enum(FLEET_EVENT_TYPES), { error: `eventTypes must be a list of ${FLEET_EVENT_TYPES.join(', ')}` })
    .min(1)
    .max(FLEET_EVENT_TYPES.length),
  scope: scopeSchema.default('tenant').meta({ description: 'Only events about resources in this scope (tenant, subscription, resource group or cluster).' }),
  tags: filterTagsSchema.optional(),
  description: z.string().max(MAX_DESCRIPTION).optional(),
  enabled: z.boolean().default(true).meta({ description: 'false stops deliveries (events meanwhile are not kept for it; pending ones end Failed); true re-enables a subscription, also one disabled by a 410.' }),
});

export type SubscriptionRequest = z.output<typeof subscriptionRequestSchema>;

/** The identity whose reach a subscription has: checked again when each event is delivered. */
export const subscriptionOwnerSchema = z.object({
  tenantId: z.string(),
  objectId: z.string(),
  kind: z.enum(['user', 'servicePrincipal']),
  appRoles: z.array(z.string()),
  groups: z.array(z.string()),
  groupsOverage: z.boolean(),
  devScope: z.string().optional(),
});

export type SubscriptionOwner = z.infer<typeof subscriptionOwnerSchema>;

const signingSecretSchema = z.object({
  secret: z.string(),
  createdAt: z.iso.datetime(),
  /** A rotated-out secret keeps signing until then. */
  retiresAt: z.iso.datetime().optional(),
});

export const subscriptionRecordSchema = z.object({
  id: z.string(),
  url: z.string(),
  eventTypes: z.array(z.enum(FLEET_EVENT_TYPES)),
  scope: z.string(),
  tags: z.record(z.string(), z.string()).optional(),
  description: z.string().optional(),
  enabled: z.boolean(),
  disabledReason: z.string().optional(),
  owner: subscriptionOwnerSchema,
  /** Newest first. Never returned except once, as `secret`, when created or rotated. */
  secrets: z.array(signingSecretSchema).min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export type SubscriptionRecord = z.infer<typeof subscriptionRecordSchema>;

/** What the API shows of a subscription: never a secret. */
export const subscriptionViewSchema = subscriptionRecordSchema
  .omit({ secrets: true, owner: true })
  .extend({
    owner: z.object({ tenantId: z.string(), objectId: z.string() }),
    secretCreatedAt: z.iso.datetime(),
    previousSecretRetiresAt: z.iso.datetime().optional(),
  });

export type SubscriptionView = z.infer<typeof subscriptionViewSchema>;

export function toSubscriptionView(record: SubscriptionRecord, now: Date): SubscriptionView {
  const { secrets, owner, ...rest } = record;
  const previous = secrets.find((secret, index) => index > 0 && secret.retiresAt && Date.parse(secret.retiresAt) > now.getTime());
  return {
    ...rest,
    owner: { tenantId: owner.tenantId, objectId: owner.objectId },
    secretCreatedAt: secrets[0]!.createdAt,
    ...(previous?.retiresAt ? { previousSecretRetiresAt: previous.retiresAt } : {}),
  };
}
