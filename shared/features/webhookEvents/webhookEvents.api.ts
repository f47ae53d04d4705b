import { z } from 'zod';
import { commonAlertSchema, eventGridDeliverySchema } from '../../domain/webhookEvents';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';
import { authenticatedProblems, problemSchema } from '../../platform/http/problemSchema';

export const EVENT_GRID_ROUTE = 'webhooks/eventgrid';

const unavailable = {
  description: 'Storage cannot take the delivery now: the sender retries',
  schema: problemSchema,
  headers: { 'Retry-After': 'Seconds to wait' },
};

const validationResponseSchema = z.object({ validationResponse: z.string() }).meta({
  id: 'EventGridValidationResponse',
  description: "Event Grid's SubscriptionValidationResponse: the validationCode echoed.",
});

export const eventsReceiptSchema = z
  .object({
    accepted: z.number().int().describe('New events, stored and queued'),
    duplicates: z.number().int().describe('Events received before (same id): nothing is done twice'),
    ignored: z.number().int().describe("Events outside the fleet's subscriptions, or that ask for nothing"),
  })
  .meta({ id: 'EventsReceipt' });

export const alertReceiptSchema = z
  .object({
    status: z.enum(['accepted', 'duplicate', 'ignored']),
    clusters: z.number().int().describe('Registered fleet clusters among the targets'),
  })
  .meta({ id: 'AlertReceipt' });

export const receiveEventGridEvents = defineOperation({
  operationId: 'receiveEventGridEvents',
  method: 'POST',
  route: EVENT_GRID_ROUTE,
  summary:
    'Event Grid deliveries (Event Grid schema, CloudEvents 1.0 structured or batched) and the subscription validation handshake. Entra ID token with the app role Fleet.Webhook.',
  tags: ['webhooks'],
  authenticated: true,
  request: { body: eventGridDeliverySchema },
  responses: {
    200: {
      description: 'The validation code echoed, or the receipt of the events',
      schema: z.union([validationResponseSchema, eventsReceiptSchema]),
    },
    ...authenticatedProblems,
    415: { description: 'The body is not JSON', schema: problemSchema },
    503: unavailable,
  },
});

export const eventGridWebhookValidation = defineOperation({
  operationId: 'eventGridWebhookValidation',
  method: 'OPTIONS',
  route: EVENT_GRID_ROUTE,
  summary:
    "The CloudEvents webhook abuse-protection handshake: grants Event Grid's origin (and a request rate); other origins get 403.",
  tags: ['webhooks'],
  authenticated: false,
  responses: {
    200: {
      description: 'Origin granted',
      headers: {
        'WebHook-Allowed-Origin': 'The granted origin',
        'WebHook-Allowed-Rate': 'Requests per minute granted, when asked',
        Allow: 'POST, OPTIONS',
      },
    },
    403: { description: 'Origin not allowed (no WebHook-Allowed-Origin)', schema: problemSchema },
  },
});

export const receiveMonitorAlert = defineOperation({
  operationId: 'receiveMonitorAlert',
  method: 'POST',
  route: 'webhooks/alerts',
  summary:
    'Azure Monitor action-group webhooks in the common alert schema (metric and log alerts, Fired and Resolved); acts on registered fleet clusters only. Entra ID token with the app role Fleet.Webhook.',
  tags: ['webhooks'],
  authenticated: true,
  request: { body: commonAlertSchema },
  responses: {
    202: {
      description: 'Taken (queued), a duplicate, or ignored (no registered fleet cluster among the targets)',
      schema: alertReceiptSchema,
    },
    ...authenticatedProblems,
    415: { description: 'The body is not JSON', schema: problemSchema },
    503: unavailable,
  },
});

/** The operations of this API area, in the order the API lists them. */
export const webhookEventsOperations: ApiOperation[] = [
  receiveEventGridEvents,
  eventGridWebhookValidation,
  receiveMonitorAlert,
];
