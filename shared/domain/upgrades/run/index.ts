export * from './runState';
export { decideAdvance, type AdvanceDecision } from './decideAdvance';
export { observationNeeds, type AdvanceContext, type HealthReading, type ObservationNeeds, type OperationObservation } from './observations';
export { judge as judgeHealth, recordFiredAlert } from './gateDecisions';
export { windowNow } from './groupProgress';
export { describeStep, MAX_SUBMISSION_RETRIES } from './memberProgress';
export type { RunAction, SubmitStep } from './runActions';
