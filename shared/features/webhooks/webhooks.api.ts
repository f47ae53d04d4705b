import { z } from 'zod';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';
import { authenticatedProblems, problemSchema } from '../../platform/http/problemSchema';
import { DELIVERY_STATUSES, deliveryViewSchema } from './deliveryRecord';
import { subscriptionIdSchema, subscriptionRequestSchema, subscriptionViewSchema } from './webhookSubscription';

const idParams = z.object({ id: subscriptionIdSchema });
const deliveryParams = idParams.extend({ deliveryId: z.string().max(100).regex(/^\d{13}-[0-9a-f-]{36}$/, { error: 'deliveryId is not a delivery id' }) });
const notFound = { 404: { description: 'Not found', schema: problemSchema } };
const withSecret = subscriptionViewSchema.extend({
  secret: z.string().describe('The signing secret (whsec_…): shown only in this answer. Keep it like a password.'),
});

export const listWebhookSubscriptions = defineOperation({
  operationId: 'listWebhookSubscriptions',
  method: 'GET',
  route: 'webhookSubscriptions',
  summary: 'The webhook subscriptions the caller administers (webhooks.list at their scope). Never a secret.',
  tags: ['webhooks'],
  authenticated: true,
  responses: { 200: { description: 'Subscriptions', schema: z.object({ value: z.array(subscriptionViewSchema) }) }, ...authenticatedProblems },
});

export const getWebhookSubscription = defineOperation({
  operationId: 'getWebhookSubscription',
  method: 'GET',
  route: 'webhookSubscriptions/{id}',
  summary: 'One webhook subscription (Admin at its scope). Never its secret.',
  tags: ['webhooks'],
  authenticated: true,
  request: { params: idParams },
  responses: { 200: { description: 'The subscription', schema: subscriptionViewSchema }, ...notFound, ...authenticatedProblems },
});

export const putWebhookSubscription = defineOperation({
  operationId: 'putWebhookSubscription',
  method: 'PUT',
  route: 'webhookSubscriptions/{id}',
  summary:
    'Create or replace a webhook subscription (Admin at its scope). The URL is checked: https, no private, loopback, link-local or metadata address. The secret is returned only when created. If-Match for updates.',
  tags: ['webhooks'],
  authenticated: true,
  request: { params: idParams, body: subscriptionRequestSchema },
  responses: {
    200: { description: 'Replaced', schema: subscriptionViewSchema },
    201: { description: 'Created, with its signing secret', schema: withSecret },
    412: { description: 'Stale If-Match', schema: problemSchema },
    ...authenticatedProblems,
  },
});

export const deleteWebhookSubscription = defineOperation({
  operationId: 'deleteWebhookSubscription',
  method: 'DELETE',
  route: 'webhookSubscriptions/{id}',
  summary: 'Delete a webhook subscription; its pending deliveries end as Failed.',
  tags: ['webhooks'],
  authenticated: true,
  request: { params: idParams },
  responses: { 204: { description: 'Deleted' }, ...notFound, 412: { description: 'Stale If-Match', schema: problemSchema }, ...authenticatedProblems },
});

export const rotateWebhookSubscriptionSecret = defineOperation({
  operationId: 'rotateWebhookSubscriptionSecret',
  method: 'POST',
  route: 'webhookSubscriptions/{id}/rotateSecret',
  summary: 'A new signing secret, returned once; the old one keeps signing next to it for the overlap window.',
  tags: ['webhooks'],
  authenticated: true,
  request: { params: idParams },
  responses: { 200: { description: 'Rotated', schema: withSecret }, ...notFound, 412: { description: 'Stale If-Match', schema: problemSchema }, ...authenticatedProblems },
});

export const testWebhookSubscription = defineOperation({
  operationId: 'testWebhookSubscription',
  method: 'POST',
  route: 'webhookSubscriptions/{id}/test',
  summary: 'Send a fleetplane.webhook.test event to this subscription (through the outbox, signed, retried).',
  tags: ['webhooks'],
  authenticated: true,
  request: { params: idParams },
  responses: { 202: { description: 'Queued', schema: z.object({ eventId: z.string() }) }, ...notFound, ...authenticatedProblems },
});

export const listWebhookDeliveries = defineOperation({
  operationId: 'listWebhookDeliveries',
  method: 'GET',
  route: 'webhookSubscriptions/{id}/deliveries',
  summary: "A subscription's delivery log, newest first, paged with nextLink. Receivers' response bodies are never kept.",
  tags: ['webhooks'],
  authenticated: true,
  request: {
    params: idParams,
    query: z.object({
      status: z.enum(DELIVERY_STATUSES).optional(),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
      continuationToken: z.string().max(4096).optional(),
    }),
  },
  responses: {
    200: { description: 'A page of deliveries', schema: z.object({ value: z.array(deliveryViewSchema), nextLink: z.string().optional() }) },
    ...notFound,
    ...authenticatedProblems,
  },
});

export const redeliverWebhookDelivery = defineOperation({
  operationId: 'redeliverWebhookDelivery',
  method: 'POST',
  route: 'webhookSubscriptions/{id}/deliveries/{deliveryId}/redeliver',
  summary: 'Send a delivery again (a new round of retries, the same webhook-id).',
  tags: ['webhooks'],
  authenticated: true,
  request: { params: deliveryParams },
  responses: {
    202: { description: 'Queued', schema: deliveryViewSchema },
    409: { description: 'An attempt is running', schema: problemSchema },
    ...notFound,
    ...authenticatedProblems,
  },
});

/** The operations of this API area, in the order the API lists them. */
export const webhookOperations: ApiOperation[] = [
  listWebhookSubscriptions,
  getWebhookSubscription,
  putWebhookSubscription,
  deleteWebhookSubscription,
  rotateWebhookSubscriptionSecret,
  testWebhookSubscription,
  listWebhookDeliveries,
  redeliverWebhookDelivery,
];
