import { forbiddenAddressReason, isLoopbackAddress, type AddressPolicy } from './forbiddenAddress';
import { parseIpLiteral } from './ipAddress';

export const MAX_WEBHOOK_URL_LENGTH = 2048;

export type WebhookUrlCheck =
  | { ok: true; url: URL; host: string; isIpLiteral: boolean }
  | { ok: false; code: 'forbidden_address' | 'invalid_url'; message: string };

/**
 * The shape of a receiver URL, before any name is resolved: https (http only to loopback, and only when the
 * policy allows loopback: local mode), no credentials or fragment, and a literal IP address must not be a
 * forbidden one. A host name still has to pass the address check at creation and at every connection.
 */
export function checkWebhookUrl(text: string, policy: AddressPolicy): WebhookUrlCheck {
  if (text.length > MAX_WEBHOOK_URL_LENGTH) return refuse(`url must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('url must be an absolute https URL');
  }
  if (url.username || url.password) return refuse('url must not carry credentials');
  if (url.hash) return refuse('url must not have a fragment');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const isIpLiteral = parseIpLiteral(host) !== undefined;
  const loopback = isIpLiteral ? isLoopbackAddress(host) : isLocalhostName(host);
  if (url.protocol === 'http:') {
    if (!(policy.allowLoopback && loopback)) return refuse('url must use https (http only to loopback in local mode)');
  } else if (url.protocol !== 'https:') {
    return refuse('url must use https');
  }
  if (isIpLiteral) {
    const reason = forbiddenAddressReason(host, policy);
    if (reason) return refuse(`url points at a forbidden address (${reason})`, 'forbidden_address');
  } else if (loopback && !policy.allowLoopback) {
    return refuse('url points at a forbidden address (loopback)', 'forbidden_address');
  }
  return { ok: true, url, host, isIpLiteral };
}

function isLocalhostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

function refuse(message: string, code: 'forbidden_address' | 'invalid_url' = 'invalid_url'): WebhookUrlCheck {
  return { ok: false, code, message };
}
