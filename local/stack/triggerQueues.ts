/**
 * The queues the triggers listen on, by app setting (`%FLEETPLANE_…_QUEUE%` in the registrations), named
 * `<prefix>-<suffix>` as the settings' defaults are with the prefix `fleetplane`. One list for `npm start`, the test
 * hosts and the packaged-app test, so a new queue trigger is added once.
 */
export const TRIGGER_QUEUE_SUFFIXES = {
  FLEETPLANE_OPERATIONS_QUEUE: 'operations',
  FLEETPLANE_WEBHOOK_DELIVERY_QUEUE: 'webhook-deliveries',
  FLEETPLANE_AUTOSCALE_QUEUE: 'autoscale',
  FLEETPLANE_WEBHOOKS_INBOUND_QUEUE: 'webhooks-inbound',
  FLEETPLANE_UPDATERUNS_QUEUE: 'updateruns',
} as const;

export type TriggerQueueSetting = keyof typeof TRIGGER_QUEUE_SUFFIXES;

export function triggerQueueName(prefix: string, setting: TriggerQueueSetting): string {
  return `${prefix.toLowerCase()}-${TRIGGER_QUEUE_SUFFIXES[setting]}`;
}

/** Every trigger queue setting for `prefix`; a value already in `env` wins. */
export function triggerQueueSettings(prefix: string, env: Record<string, string | undefined> = {}): Record<TriggerQueueSetting, string> {
  const settings = {} as Record<TriggerQueueSetting, string>;
  for (const setting of Object.keys(TRIGGER_QUEUE_SUFFIXES) as TriggerQueueSetting[]) settings[setting] = env[setting] ?? triggerQueueName(prefix, setting);
  return settings;
}
