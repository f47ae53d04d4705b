export type * from './types';
export { calculateReplicas } from './calculateReplicas';
export { stabilizeRecommendation, stabilizeRecommendationLegacy } from './stabilization';
export { applyRateLimits, scaleUpLimit, scaleDownLimit, replicasChangedWithin } from './rateLimits';
export { applyLegacyLimits } from './legacyLimits';
export { decideReplicas } from './decideReplicas';
export { estimateNodes } from './binpacking';
export { nodeUtilization } from './nodeUtilization';
export { leastWaste } from './leastWaste';
