import { z } from 'zod';
import { inventoryRecordSchema, supportStatusValues } from './inventoryRecord';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';
import { authenticatedProblems } from '../../platform/http/problemSchema';


/** A century: any larger bound means "all with a date", and keeps the OData literal an Int32. */
const MAX_SUPPORT_ENDS_WITHIN_DAYS = 36_500;

const guid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const inventoryQuerySchema = z.object({
  subscription: z.string().max(36).regex(guid, 'subscription must be a subscription id (GUID)').optional(),
  resourceGroup: z
    .string()
    .max(90)
    .regex(/^[-\p{L}\p{N}_.()]{0,89}[-\p{L}\p{N}_()]$/u, 'resourceGroup must be a resource group name (not ending in ".")')
    .optional(),
  location: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9 ]{1,64}$/, 'location must be an Azure region such as eastus')
    .optional(),
  kubernetesVersion: z
    .string()
    .max(32)
    .regex(/^v?\d+\.\d+(\.\d+)?$/, 'kubernetesVersion must be a minor (1.35) or a patch (1.35.3)')
    .optional(),
  provisioningState: z
    .string()
    .max(40)
    .regex(/^[A-Za-z]{1,40}$/, 'provisioningState must be a word such as Succeeded')
    .optional(),
  tag: z
    .string()
    .min(1)
    .max(800)
    .refine((value) => !value.startsWith(':'), 'tag must be key:value or key')
    .describe('key:value (key case-insensitive, split at the first colon), or key alone for any value')
    .optional(),
  supportStatus: z.enum(supportStatusValues).optional(),
  supportEndsWithinDays: z
    .string()
    .max(10)
    .regex(/^\d+$/, 'supportEndsWithinDays must be a whole number of days, 0 or more')
    .transform(Number)
    .pipe(z.int().max(MAX_SUPPORT_ENDS_WITHIN_DAYS, `supportEndsWithinDays must be at most ${MAX_SUPPORT_ENDS_WITHIN_DAYS}`))
    .describe(
      'Clusters whose end of support (from the version support calendar) is known and at most this many days ' +
        'after the last sync, passed ones included',
    )
    .optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(100),
  continuationToken: z.string().max(4096).optional(),
});

/** The inventory's filters alone (no paging): other views over the fleet take the same query parameters. */
export const inventoryFilterQuerySchema = inventoryQuerySchema.omit({ pageSize: true, continuationToken: true });

export const staleSubscriptionSchema = z.object({
  subscriptionId: z.string(),
  code: z.string(),
  message: z.string(),
  at: z.string(),
});

export const inventoryPageSchema = z.object({
  value: z.array(inventoryRecordSchema),
  nextLink: z.string().optional(),
  syncedAt: z
    .string()
    .optional()
    .describe('When the snapshot of the subscriptions in scope was taken (the stalest).'),
  snapshotAgeSeconds: z.int().optional(),
  staleSubscriptions: z
    .array(staleSubscriptionSchema)
    .describe('Subscriptions whose last list failed; their rows are from an earlier sync.'),
});

export const listClusters = defineOperation({
  operationId: 'listClusters',
  method: 'GET',
  route: 'clusters',
  summary:
    'The fleet inventory from the last sync, with its age. Filters: subscription, resourceGroup, location, ' +
    'kubernetesVersion, provisioningState, tag, supportStatus, supportEndsWithinDays; paged with nextLink. Shows the clusters the caller may get.',
  tags: ['inventory'],
  authenticated: true,
  request: { query: inventoryQuerySchema },
  responses: { 200: { description: 'A page of the inventory', schema: inventoryPageSchema }, ...authenticatedProblems },
});

const syncFailureSchema = z.object({ code: z.string(), message: z.string() });

export const inventorySyncSummarySchema = z.object({
  status: z.enum(['succeeded', 'partial', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string(),
  subscriptions: z.array(
    z.object({
      subscriptionId: z.string(),
      status: z.enum(['succeeded', 'failed']),
      clusters: z.int().optional(),
      removed: z.int().optional(),
      error: syncFailureSchema.optional(),
    }),
  ),
  catalogues: z.array(
    z.object({
      location: z.string(),
      status: z.enum(['succeeded', 'failed']),
      error: syncFailureSchema.optional(),
    }),
  ),
  supportCalendar: z
    .object({ status: z.enum(['succeeded', 'failed']), error: syncFailureSchema.optional() })
    .optional()
    .describe('Whether the version support calendar could be read; when not, the radar has no dates this sync.'),
  armCalls: z.object({ managedClustersList: z.int(), listKubernetesVersions: z.int() }),
});

export const syncInventory = defineOperation({
  operationId: 'syncInventory',
  method: 'POST',
  route: 'clusters/sync',
  summary:
    'Syncs the inventory from ARM now (Admin at tenant scope); the timer does the same every 5 minutes.',
  tags: ['inventory'],
  authenticated: true,
  responses: { 200: { description: 'What the sync did', schema: inventorySyncSummarySchema }, ...authenticatedProblems },
});

/** The operations of this API area, in the order the API lists them. */
export const inventoryOperations: ApiOperation[] = [listClusters, syncInventory];
