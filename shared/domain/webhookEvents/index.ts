export {
  answerAbuseProtection,
  ALLOWED_REQUEST_RATE,
  EVENT_GRID_ORIGIN,
  type AbuseProtectionAnswer,
} from './abuseProtection';
export { AKS_EVENT_TYPES, type NodePoolRollingStatus } from './aksEventTypes';
export {
  commonAlertSchema,
  inboundAlertSchema,
  COMMON_ALERT_SCHEMA_ID,
  type CommonAlert,
  type InboundAlert,
  type MonitorCondition,
} from './commonAlertSchema';
export { alertDedupeKey, eventDedupeKey } from './dedupeKeys';
export {
  eventGridDeliverySchema,
  SUBSCRIPTION_VALIDATION_EVENT,
  type EventGridDeliveryBody,
} from './eventGridDelivery';
export { inboundEventSchema, type InboundEvent } from './inboundEvent';
export { actionsForAlert, actionsForEvent, inboundActionSchema, type InboundAction } from './inboundActions';
export { MAX_EVENTS_PER_DELIVERY } from './inboundLimits';
export { isInFleetSubscriptions, parseManagedClusterId, type ManagedClusterRef } from './managedClusterId';
export { readCommonAlert } from './readCommonAlert';
export {
  deliveryModeOf,
  readEventGridDelivery,
  type DeliveryMode,
  type EventGridDelivery,
} from './readEventGridDelivery';
