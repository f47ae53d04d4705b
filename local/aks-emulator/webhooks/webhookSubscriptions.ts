import { ArmError } from '../errors';
import type { EventSchema } from './eventEnvelopes';

/** `events`: an Event Grid subscription to the clusters' AKS events; `alerts`: an action group's webhook. */
export type WebhookKind = 'events' | 'alerts';

export interface WebhookSubscription {
  id: string;
  kind: WebhookKind;
  url: string;
  schema: EventSchema;
  /** Entra audience of the delivery token (the receiving app's id or URI); none = no Authorization header. */
  audience?: string;
  /** The topic the validation event names (a system topic of a subscription). */
  topic: string;
  /** Event types delivered; empty = all. */
  eventTypes: string[];
  status: 'Active' | 'ValidationFailed' | 'AwaitingManualValidation';
  validationDetail?: string;
}

export type WebhookSubscriptionInput = Pick<WebhookSubscription, 'url'> & Partial<Pick<WebhookSubscription, 'kind' | 'schema' | 'audience' | 'topic' | 'eventTypes'>>;

const SCHEMAS: readonly EventSchema[] = ['EventGrid', 'CloudEvents'];
const KINDS: readonly WebhookKind[] = ['events', 'alerts'];

/** Reads the admin API's body; the emulator delivers over http(s) only. */
export function readSubscriptionInput(body: Record<string, unknown>): WebhookSubscriptionInput {
  const url = typeof body['url'] === 'string' ? body['url'] : '';
  if (!/^https?:\/\//i.test(url)) throw new ArmError(400, 'InvalidRequestContent', "The field 'url' must be an http(s) URL.");
  const schema = body['schema'] ?? 'EventGrid';
  if (!SCHEMAS.includes(schema as EventSchema)) throw new ArmError(400, 'InvalidRequestContent', `The field 'schema' must be one of ${SCHEMAS.join(', ')}.`);
  const kind = body['kind'] ?? 'events';
  if (!KINDS.includes(kind as WebhookKind)) throw new ArmError(400, 'InvalidRequestContent', `The field 'kind' must be one of ${KINDS.join(', ')}.`);
  const eventTypes = Array.isArray(body['eventTypes']) ? body['eventTypes'].filter((type): type is string => typeof type === 'string') : [];
  return {
    url,
    schema: schema as EventSchema,
    kind: kind as WebhookKind,
    eventTypes,
    ...(typeof body['audience'] === 'string' ? { audience: body['audience'] } : {}),
    ...(typeof body['topic'] === 'string' ? { topic: body['topic'] } : {}),
  };
}
