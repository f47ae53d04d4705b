import { ValidationError } from '../../domain/errors';
import { checkWebhookUrl, type AddressPolicy } from '../../domain/webhooks';
import { ForbiddenAddressError, resolveAllowed, type HostResolver } from '../../platform/outbound/guardedLookup';

/** Refuses a receiver URL at creation: its shape and scheme, a literal address, and what its name resolves to now. */
export type AdmitUrl = (url: string) => Promise<void>;

export function urlAdmission(policy: AddressPolicy, resolver: HostResolver): AdmitUrl {
  return async (url) => {
    const checked = checkWebhookUrl(url, policy);
    if (!checked.ok) throw urlProblem(checked.code, checked.message);
    if (checked.isIpLiteral) return;
    try {
      await resolveAllowed(checked.host, resolver, policy);
    } catch (error) {
      if (error instanceof ForbiddenAddressError) throw urlProblem('forbidden_address', `url ${error.message}`);
      throw urlProblem('unresolvable', `url host ${checked.host} does not resolve`);
    }
  };
}

function urlProblem(code: string, message: string): ValidationError {
  return new ValidationError('The webhook URL is not allowed.', [{ path: 'url', code, message }]);
}
