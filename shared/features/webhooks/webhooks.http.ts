import { decodeContinuation, encodeContinuation, nextLinkOf } from '../../platform/http/paging';
import { etagHeader } from '../../platform/http/etags';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import type { StorageQueue } from '../../platform/storage/storageQueue';
import { deleteSubscription } from './deleteSubscription';
import { toDeliveryView } from './deliveryRecord';
import type { DeliveryMessage } from './deliveryQueue';
import type { DeliveryStore } from './deliveryStore';
import type { Outbox } from './outbox';
import { putSubscription } from './putSubscription';
import { listSubscriptions, requireSubscription } from './readSubscriptions';
import { redeliver } from './redeliver';
import { rotateSecret } from './rotateSecret';
import { sendTestEvent } from './sendTestEvent';
import type { SubscriptionStore } from './subscriptionStore';
import type { AdmitUrl } from './urlAdmission';
import { toSubscriptionView } from './webhookSubscription';
import {
  deleteWebhookSubscription,
  getWebhookSubscription,
  listWebhookDeliveries,
  listWebhookSubscriptions,
  putWebhookSubscription,
  redeliverWebhookDelivery,
  rotateWebhookSubscriptionSecret,
  testWebhookSubscription,
} from './webhooks.api';

export interface WebhookHttpDependencies {
  subscriptions: SubscriptionStore;
  deliveries: DeliveryStore;
  outbox: Outbox;
  queue: StorageQueue<DeliveryMessage>;
  admitUrl: AdmitUrl;
  secretOverlapMs: number;
  publicBaseUrl: string | undefined;
  now: () => Date;
}

const isCursor = (value: unknown): value is { t: string } =>
  typeof value === 'object' && value !== null && typeof (value as { t?: unknown }).t === 'string';

export function webhookHttpHandlers(http: HttpPipeline, deps: WebhookHttpDependencies): HttpHandlers {
  const { subscriptions: store } = deps;
  const noStore = { 'cache-control': 'no-store' };
  return {
    [listWebhookSubscriptions.operationId]: http.handle(listWebhookSubscriptions, async ({ decide }) => ({
      status: 200,
      jsonBody: { value: await listSubscriptions(decide, store, deps.now()) },
    })),
    [getWebhookSubscription.operationId]: http.handle(getWebhookSubscription, async ({ params, authorize }) => {
      const found = await requireSubscription(params.id, 'get', authorize, store);
      return { status: 200, jsonBody: toSubscriptionView(found.value, deps.now()), headers: etagHeader(found.etag) };
    }),
    [putWebhookSubscription.operationId]: http.handle(putWebhookSubscription, async ({ caller, params, body, request, authorize }) => {
      const ifMatch = request.headers.get('if-match') ?? undefined;
      const result = await putSubscription({ caller, id: params.id, body, ifMatch, authorize }, { store, admitUrl: deps.admitUrl, now: deps.now() });
      const jsonBody = result.secret ? { ...result.view, secret: result.secret } : result.view;
      return { status: result.created ? 201 : 200, jsonBody, headers: { ...etagHeader(result.etag), ...noStore } };
    }),
    [deleteWebhookSubscription.operationId]: http.handle(deleteWebhookSubscription, async ({ params, request, authorize }) => {
      await deleteSubscription({ id: params.id, ifMatch: request.headers.get('if-match') ?? undefined, authorize }, store);
      return { status: 204 };
    }),
    [rotateWebhookSubscriptionSecret.operationId]: http.handle(rotateWebhookSubscriptionSecret, async ({ params, request, authorize }) => {
      const ifMatch = request.headers.get('if-match') ?? undefined;
      const result = await rotateSecret({ id: params.id, ifMatch, authorize }, { store, overlapMs: deps.secretOverlapMs, now: deps.now() });
      return { status: 200, jsonBody: { ...result.view, secret: result.secret }, headers: { ...etagHeader(result.etag), ...noStore } };
    }),
    [testWebhookSubscription.operationId]: http.handle(testWebhookSubscription, async ({ caller, params, authorize }) => ({
      status: 202,
      jsonBody: await sendTestEvent({ id: params.id, authorize, requestedBy: `${caller.tenantId}/${caller.objectId}` }, { store, outbox: deps.outbox }),
    })),
    [listWebhookDeliveries.operationId]: http.handle(listWebhookDeliveries, async ({ params, query, request, authorize }) => {
      await requireSubscription(params.id, 'get', authorize, store);
      const cursor = query.continuationToken ? decodeContinuation(query.continuationToken, isCursor) : undefined;
      const page = await deps.deliveries.page(params.id, {
        pageSize: query.pageSize,
        ...(query.status ? { status: query.status } : {}),
        ...(cursor ? { continuationToken: cursor.t } : {}),
      });
      const nextLink = page.continuationToken
        ? nextLinkOf(request.url, { continuationToken: encodeContinuation({ t: page.continuationToken }) }, deps.publicBaseUrl)
        : undefined;
      return { status: 200, jsonBody: { value: page.items.map((item) => toDeliveryView(item.value)), ...(nextLink ? { nextLink } : {}) } };
    }),
    [redeliverWebhookDelivery.operationId]: http.handle(redeliverWebhookDelivery, async ({ params, authorize }) => ({
      status: 202,
      jsonBody: await redeliver(
        { subscriptionId: params.id, deliveryId: params.deliveryId, authorize },
        { store, deliveries: deps.deliveries, queue: deps.queue, now: deps.now() },
      ),
    })),
  };
}
