import { ArmError } from '../errors';
import type { VirtualClock } from '../clock';
import { clusterResourceId } from '../model';
import type { AksEvent, AksEventFeed } from './aksEventFeed';
import { commonAlertPayload, newAlertInstance, type AlertInstance, type AlertSignal } from './commonAlerts';
import { envelopeOf } from './eventEnvelopes';
import { newValidationCode, validateCloudEventsEndpoint, validateEventGridEndpoint } from './subscriptionValidation';
import { deliverWithRetry, type DeliveryResult } from './webhookDelivery';
import type { WebhookSubscription, WebhookSubscriptionInput } from './webhookSubscriptions';

export interface WebhookPublisherOptions {
  clock: VirtualClock;
  /** Signs a delivery token for an audience (the dev issuer's, with the app role Fleet.Webhook). */
  token?: (audience: string) => Promise<string>;
  /** Waits between attempts; Event Grid's own schedule starts at 10 s, 30 s, 1 min. Default 200 ms, 1 s, 3 s. */
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
  /** The emulator's base URL, for the manual validation URL. */
  publicBaseUrl: () => string;
}

export interface DeliveryLogEntry extends DeliveryResult {
  subscriptionId: string;
  /** Event id, or the alert id and its condition. */
  id: string;
  type: string;
  subject: string;
  at: string;
}

export interface AlertRequest {
  cluster: AlertInstance['cluster'];
  alertRule: string;
  severity?: string;
  signalType?: AlertSignal;
  monitorCondition: 'Fired' | 'Resolved';
}

const DEFAULT_RETRY_DELAYS_MS = [200, 1_000, 3_000];

/**
 * Event Grid and action groups, as far as Fleetplane meets them: webhook subscriptions (validated when
 * configured), AKS events delivered to each in its schema, common-schema alerts, each delivery retried a few
 * times with an Entra token for the subscription's audience. Deliveries run in the background; `idle()` waits.
 */
export class WebhookPublisher {
  private readonly subscriptions = new Map<string, WebhookSubscription>();
  private readonly pendingValidations = new Map<string, string>();
  private readonly log: DeliveryLogEntry[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly activeAlerts = new Map<string, AlertInstance>();

  constructor(
    feed: AksEventFeed,
    private readonly options: WebhookPublisherOptions,
  ) {
    feed.subscribe((event) => this.publish(event));
  }

  /** Creates or replaces a subscription; an `events` one is validated first, as Event Grid does. */
  async configure(id: string, input: WebhookSubscriptionInput): Promise<WebhookSubscription> {
    const subscription: WebhookSubscription = {
      id,
      kind: input.kind ?? 'events',
      url: input.url,
      schema: input.schema ?? 'EventGrid',
      ...(input.audience ? { audience: input.audience } : {}),
      topic: input.topic ?? '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/fleet-events/providers/Microsoft.EventGrid/systemTopics/aks',
      eventTypes: input.eventTypes ?? [],
      status: 'Active',
    };
    this.subscriptions.set(id, subscription);
    if (subscription.kind === 'events') Object.assign(subscription, await this.validate(subscription));
    return { ...subscription };
  }

  remove(id: string): void {
    this.subscriptions.delete(id);
  }

  list(): WebhookSubscription[] {
    return [...this.subscriptions.values()].map((subscription) => ({ ...subscription }));
  }

  deliveries(): DeliveryLogEntry[] {
    return this.log.map((entry) => ({ ...entry, statuses: [...entry.statuses] }));
  }

  /** A GET on the validation URL completes the handshake by hand (Event Grid's manual validation). */
  validateManually(id: string, code: string): WebhookSubscription {
    const subscription = this.subscriptions.get(id);
    if (!subscription || this.pendingValidations.get(id) !== code) throw new ArmError(404, 'NotFound', 'No pending validation with that code.');
    subscription.status = 'Active';
    delete subscription.validationDetail;
    this.pendingValidations.delete(id);
    return { ...subscription };
  }

  /** Waits until every delivery started so far has ended (tests and admin calls). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Fires a new alert instance (or re-sends the active one) or resolves the active one, to every alerts subscription. */
  alert(request: AlertRequest): { alertId: string; monitorCondition: 'Fired' | 'Resolved'; subscriptions: number } {
    const key = `${clusterResourceId(request.cluster).toLowerCase()}|${request.alertRule}`;
    const now = this.options.clock.nowIso();
    let instance = this.activeAlerts.get(key);
    if (request.monitorCondition === 'Fired') {
      instance ??= newAlertInstance(request.cluster, request.alertRule, request.severity ?? 'Sev2', request.signalType ?? 'Metric', now);
      this.activeAlerts.set(key, instance);
    } else {
      if (!instance) throw new ArmError(404, 'NotFound', `No fired alert '${request.alertRule}' on that cluster to resolve.`);
      this.activeAlerts.delete(key);
    }
    const body = commonAlertPayload(instance, request.monitorCondition, request.monitorCondition === 'Resolved' ? now : undefined);
    const targets = [...this.subscriptions.values()].filter((subscription) => subscription.kind === 'alerts' && subscription.status === 'Active');
    for (const subscription of targets) {
      const entry = { subscriptionId: subscription.id, id: `${instance.alertId}|${request.monitorCondition}`, type: instance.alertRule, subject: clusterResourceId(request.cluster) };
      this.track(subscription, entry, body, 'application/json; charset=utf-8', {});
    }
    return { alertId: instance.alertId, monitorCondition: request.monitorCondition, subscriptions: targets.length };
  }

  private publish(event: AksEvent): void {
    for (const subscription of this.subscriptions.values()) {
      if (subscription.kind !== 'events' || subscription.status !== 'Active') continue;
      if (subscription.eventTypes.length > 0 && !subscription.eventTypes.includes(event.type)) continue;
      const envelope = envelopeOf(event, subscription.schema);
      const entry = { subscriptionId: subscription.id, id: envelope.eventId, type: event.type, subject: clusterResourceId(event.cluster) };
      this.track(subscription, entry, envelope.body, envelope.contentType, { 'aeg-event-type': 'Notification', 'aeg-subscription-name': subscription.id.toUpperCase() });
    }
  }

  private track(subscription: WebhookSubscription, entry: Omit<DeliveryLogEntry, keyof DeliveryResult | 'at'>, body: unknown, contentType: string, headers: Record<string, string>): void {
    const at = this.options.clock.nowIso();
    const delivery = deliverWithRetry({
      url: subscription.url,
      body,
      contentType,
      headers,
      ...this.tokenFor(subscription),
      retryDelaysMs: this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      timeoutMs: this.options.timeoutMs ?? 30_000,
    }).then((result) => {
      this.log.push({ ...entry, ...result, at });
    });
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  private tokenFor(subscription: WebhookSubscription): { token?: () => Promise<string> } {
    const { audience } = subscription;
    const sign = this.options.token;
    return audience && sign ? { token: () => sign(audience) } : {};
  }

  private async validate(subscription: WebhookSubscription): Promise<Pick<WebhookSubscription, 'status' | 'validationDetail'>> {
    const token = await this.tokenFor(subscription).token?.();
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    if (subscription.schema === 'CloudEvents') {
      const outcome = await validateCloudEventsEndpoint(subscription.url, { ...(token ? { token } : {}), requestRate: 120, timeoutMs });
      return outcome.validated ? { status: 'Active' } : { status: 'ValidationFailed', validationDetail: outcome.detail };
    }
    const validationCode = newValidationCode();
    this.pendingValidations.set(subscription.id, validationCode);
    const validationUrl = `${this.options.publicBaseUrl()}/_emulator/webhooks/${encodeURIComponent(subscription.id)}/validate?validationCode=${validationCode}`;
    const outcome = await validateEventGridEndpoint(subscription.url, {
      topic: subscription.topic,
      validationCode,
      validationUrl,
      time: this.options.clock.nowIso(),
      ...(token ? { token } : {}),
      timeoutMs,
    });
    if (outcome.validated) {
      this.pendingValidations.delete(subscription.id);
      return { status: 'Active' };
    }
    // Event Grid then waits for a GET on the validation URL (manual validation).
    return { status: 'AwaitingManualValidation', validationDetail: outcome.detail };
  }
}
