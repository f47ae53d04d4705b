import { WEBHOOK_SENDER_APP_ROLE } from '../../shared/domain/access/webhookSender';
import { DEV_WEBHOOK_SENDER_OBJECT_ID } from './constants';
import type { RunningDevIssuer } from './devIssuerServer';

/**
 * An app-only token with the app role Fleet.Webhook, as Entra issues one to Event Grid's (or an action group's)
 * service principal for a secured webhook: what the AKS emulator sends with its deliveries.
 */
export function webhookSenderToken(issuer: Pick<RunningDevIssuer, 'signToken'>, audience: string): Promise<string> {
  return issuer.signToken({
    audience,
    kind: 'servicePrincipal',
    oid: DEV_WEBHOOK_SENDER_OBJECT_ID,
    claims: { roles: [WEBHOOK_SENDER_APP_ROLE] },
  });
}
