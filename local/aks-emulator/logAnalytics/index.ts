/** The emulator's Log Analytics query API; mount `createLogAnalyticsApi(...).handle` for `isLogAnalyticsPath` paths. */
export { createLogAnalyticsApi, isLogAnalyticsPath } from './queryApi';
export type {
  LogAnalyticsApi,
  LogAnalyticsApiOptions,
  LogAnalyticsRequest,
  LogAnalyticsResponse,
} from './queryApi';
export type { TablesFor, WorkspaceLogs, WorkspacesOfResource } from './executeQuery';
export type { LogRecord } from './logRecords';
export type { TableScan } from './kql/tableScan';
export type { QueryFaultRule, QueryFaults } from './queryFaults';
export { SERVICE_RESULT_LIMITS, type ResultLimits } from './resultLimits';
export { LOG_TABLE_NAMES, LOG_TABLES, type LogTableName } from './tables';
export type { TimeRange } from './timespan';
