/**
 * Upper bounds of what the inbound webhooks accept. Event Grid delivers one event per request unless the
 * subscription sets `maxEventsPerBatch` (up to 5,000): Fleetplane asks for at most 100 per batch, and the 1 MiB
 * body cap bounds the rest. Azure Monitor caps a common-schema alert at 256 KB.
 */
export const MAX_EVENTS_PER_DELIVERY = 100;
/** Event ids, types, times and versions are short identifiers; these bounds are ours, far above real use. */
export const MAX_EVENT_ID_LENGTH = 256;
export const MAX_EVENT_TYPE_LENGTH = 256;
export const MAX_SHORT_TEXT_LENGTH = 128;
/** Topics, sources and alert targets are ARM resource paths. */
export const MAX_RESOURCE_PATH_LENGTH = 1024;
/** Members of an event's `data`, an alert's context or custom properties. */
export const MAX_DATA_MEMBERS = 50;
export const MAX_DATA_KEY_LENGTH = 256;
/** Free text: an alert's description, a custom property's value. */
export const MAX_TEXT_LENGTH = 4096;
/** Resources one alert names (`alertTargetIDs`, `configurationItems`). */
export const MAX_ALERT_TARGETS = 100;
