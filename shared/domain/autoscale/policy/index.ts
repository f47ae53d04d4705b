export {
  autoscalePolicySchema,
  fleetAutoscalePolicySchema,
  policyNameSchema,
  poolModeIssues,
  type AutoscalePolicy,
  type AutoscalePolicyInput,
  type FleetAutoscalePolicy,
  type FleetAutoscalePolicyInput,
} from './autoscalePolicySchema';
export { behaviorSchema, scalingRulesSchema, type AutoscaleBehavior } from './behaviorSchema';
export { scheduleSchema, scheduleActionSchema, type Schedule, type ScheduleAction } from './scheduleSchema';
export { poolSelectorSchema, type PoolSelector } from './selectorSchema';
export { autoscaleTargetsSchema, CLUSTER_METRIC_NAMESPACE, type AutoscaleTargets, type CustomMetric, type LogAnalyticsMetric } from './targetsSchema';
export { logAnalyticsQueryProblem, scopedLogAnalyticsQuery, LOG_ANALYTICS_GROUP_COLUMNS, LOG_ANALYTICS_VALUE_COLUMN } from './logAnalyticsQuery';
export { poolKeyOf, type PoolIdentity } from './poolIdentity';
export {
  policyForPool,
  policiesForPools,
  selectorMatches,
  specificityOf,
  type NamedFleetPolicy,
  type PolicySource,
  type SelectedPolicy,
} from './policySelection';
export { effectivePolicyOf, type EffectivePolicy } from './effectivePolicy';
export { ncrontabShapeProblem } from './ncrontabShape';
export { isKnownTimeZone } from './timeZone';
export * from './limits';
