export { FLEET_EVENT_TYPES, fleetEventDraftSchema, type EmitFleetEvent, type FleetEventDraft, type FleetEventType } from './fleetEvents';
