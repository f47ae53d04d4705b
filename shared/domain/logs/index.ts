export * from './kqlLiterals';
export * from './logSources';
export * from './logTimeRange';
export * from './logQuery';
export * from './logReadScope';
export * from './logPaging';
export * from './rawLogQuery';
