import { webhookDeliveryDecision } from '../../domain/access/webhookSender';
import { answerAbuseProtection } from '../../domain/webhookEvents';
import { ForbiddenError } from '../../domain/errors';
import type { HttpCall, HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import type { InboundIntake } from './acceptInbound';
import { receiveAlert } from './receiveAlert';
import { receiveEventGridDelivery } from './receiveEventGridDelivery';
import { eventGridWebhookValidation, receiveEventGridEvents, receiveMonitorAlert } from './webhookEvents.api';

export interface WebhookEventsHttpDependencies extends InboundIntake {
  fleetSubscriptions: () => string[];
  isRegisteredCluster: (clusterResourceId: string) => Promise<boolean>;
}

/** Only Event Grid's and Azure Monitor's identities (app role Fleet.Webhook) may deliver; a denial is audited. */
function enforceSender(
  call: Pick<HttpCall<unknown, unknown, unknown>, 'caller' | 'enforce'>,
  target: string,
): void {
  call.enforce(webhookDeliveryDecision(call.caller), 'webhooks.deliver', target);
}

export function webhookEventsHttpHandlers(
  http: HttpPipeline,
  deps: WebhookEventsHttpDependencies,
): HttpHandlers {
  return {
    [receiveEventGridEvents.operationId]: http.handle(receiveEventGridEvents, async (call) => {
      enforceSender(call, 'webhooks/eventgrid');
      const receipt = await receiveEventGridDelivery(
        { ...deps, log: call.log },
        call.body,
        call.request.headers.get('content-type') ?? '',
      );
      if (receipt.kind === 'validationRefused') {
        call.audit.target = receipt.topic || 'webhooks/eventgrid';
        throw new ForbiddenError(
          "Not allowed: the validation event's topic is not in one of the fleet's subscriptions.",
        );
      }
      if (receipt.kind === 'validation') {
        call.audit.target = receipt.topic;
        // For a manual validation (a GET on the URL within minutes), an admin finds it in the audit trail.
        call.audit.reason = `Event Grid subscription validation answered; validationUrl: ${receipt.validationUrl ?? 'none'}`;
        return { status: 200, jsonBody: { validationResponse: receipt.validationResponse } };
      }
      if (receipt.sources.length === 1) call.audit.target = receipt.sources[0] ?? 'webhooks/eventgrid';
      const { accepted, duplicates, ignored } = receipt;
      return { status: 200, jsonBody: { accepted, duplicates, ignored } };
    }),
    [eventGridWebhookValidation.operationId]: http.handle(eventGridWebhookValidation, ({ request }) => {
      const answer = answerAbuseProtection(
        request.headers.get('webhook-request-origin'),
        request.headers.get('webhook-request-rate'),
      );
      if (!answer.allowed) return Promise.reject(new ForbiddenError(`Not allowed: ${answer.reason}.`));
      return Promise.resolve({ status: 200, headers: answer.headers });
    }),
    [receiveMonitorAlert.operationId]: http.handle(receiveMonitorAlert, async (call) => {
      enforceSender(call, 'webhooks/alerts');
      const receipt = await receiveAlert({ ...deps, log: call.log }, call.body);
      call.audit.target = receipt.alertId;
      call.audit.reason = `alert ${receipt.monitorCondition} ${receipt.status}: ${receipt.clusters} registered fleet cluster(s) among its targets`;
      return { status: 202, jsonBody: { status: receipt.status, clusters: receipt.clusters } };
    }),
  };
}
