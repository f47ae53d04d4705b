export * from './preflightProblem';
export * from './memberFacts';
export * from './memberPreflight';
export * from './deprecatedApiRule';
export * from './deprecatedApiQuery';
export * from './memberAssignment';
export * from './upgradeDurations';
export * from './makespanEstimate';
