import { randomBytes } from 'node:crypto';
import type { SubscriptionRecord } from './webhookSubscription';

/** 32 random bytes, base64, with the Standard Webhooks `whsec_` prefix. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The secrets that sign a delivery now: the current one and any rotated-out one still in its overlap window. */
export function activeSecrets(record: SubscriptionRecord, now: Date): string[] {
  return record.secrets
    .filter((secret, index) => index === 0 || (secret.retiresAt !== undefined && Date.parse(secret.retiresAt) > now.getTime()))
    .map((secret) => secret.secret);
}

/** A new current secret; the old one keeps signing for `overlapMs`; secrets already retired are dropped. */
export function rotateSecrets(record: SubscriptionRecord, secret: string, now: Date, overlapMs: number): SubscriptionRecord['secrets'] {
  const [current] = record.secrets;
  const retiresAt = new Date(now.getTime() + overlapMs).toISOString();
  return [{ secret, createdAt: now.toISOString() }, { ...current!, retiresAt }];
}
