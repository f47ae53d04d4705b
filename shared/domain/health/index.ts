export * from './assessClusterHealth';
export * from './clusterObservation';
export * from './healthQueries';
export * from './healthReason';
export * from './healthStatus';
export * from './healthThresholds';
export * from './poolUsage';
