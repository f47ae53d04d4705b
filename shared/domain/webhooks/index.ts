export { toCloudEvent, sequenceAttribute, type OutboxEvent } from './cloudEvent';
export { scopeOfSubject } from './eventScope';
export { forbiddenAddressReason, isLoopbackAddress, type AddressPolicy } from './forbiddenAddress';
export { parseIpLiteral } from './ipAddress';
export { DEFAULT_RETRY_POLICY, nextAttemptAt, retryDelaySeconds, type RetryPolicy } from './retrySchedule';
export { subjectInScope, subscriptionWants, type EventFacts, type SubscriptionInterest } from './subscriptionMatch';
export { checkWebhookUrl, MAX_WEBHOOK_URL_LENGTH, type WebhookUrlCheck } from './webhookUrl';
