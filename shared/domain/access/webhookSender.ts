import type { Caller } from './caller';
import { deny, type AccessDecision } from './decision';

/**
 * The app role a machine sender of inbound webhooks holds (Event Grid's and Azure Monitor's service principals,
 * assigned on Fleetplane's app registration, security-reliability.md §2.3). It grants nothing else: it is not a
 * Fleet role, and no role binding grants delivery.
 */
export const WEBHOOK_SENDER_APP_ROLE = 'Fleet.Webhook';

/** Whether the caller may deliver events and alerts: an app-only token with the Fleet.Webhook app role. */
export function webhookDeliveryDecision(caller: Caller): AccessDecision {
  if (caller.kind !== 'servicePrincipal') {
    return deny('missing_app_role', 'webhooks are delivered by services: an app-only token is needed');
  }
  if (!caller.appRoles.includes(WEBHOOK_SENDER_APP_ROLE)) {
    return deny(
      'missing_app_role',
      `delivering webhooks needs the app role ${WEBHOOK_SENDER_APP_ROLE} in the token`,
    );
  }
  return {
    allowed: true,
    code: 'granted',
    reason: `granted: app role ${WEBHOOK_SENDER_APP_ROLE} in the token`,
    matchedBindingId: `token-app-role:${WEBHOOK_SENDER_APP_ROLE}`,
  };
}
