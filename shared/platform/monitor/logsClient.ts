import type { TokenCredential } from '@azure/identity';
import type { LogsQueryClient, LogsQueryResult, LogsTable } from '@azure/monitor-query-logs';
import type { Settings } from '../settings/settings';
import { translateLogsError, type PartialQueryError } from './logsErrors';
import { monitorQueryLogsSdk } from './monitorQuerySdk';

export interface LogRowsResult {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  /** Set when the service returned only part of the rows. */
  partialError?: PartialQueryError;
}


export interface BatchQuery {
  workspaceId: string;
  query: string;
  range: { start: Date; end: Date };
}
export interface LogsClientOptions {
  maxRetries?: number;
  serverTimeoutSeconds?: number;
}

const DEFAULT_SERVER_TIMEOUT_SECONDS = 60;

/**
 * Runs KQL against a Log Analytics workspace with `LogsQueryClient` (built on first use, reused), signing in
 * with the ARM credential: DefaultAzureCredential in Azure, the emulator token in local mode.
 */
export class LogsClient {
  private client: LogsQueryClient | undefined;

  constructor(
    private readonly settings: Pick<Settings, 'FLEETPLANE_LOGS_ENDPOINT'>,
    private readonly credential: () => TokenCredential,
    private readonly options: LogsClientOptions = {},
  ) {}

  get endpoint(): string {
    return this.settings.FLEETPLANE_LOGS_ENDPOINT;
  }

  /** The first table of the result over [start, end] (also passed to the service as the query's timespan). */
  async queryWorkspace(workspaceId: string, query: string, range: { start: Date; end: Date }): Promise<LogRowsResult> {
    return this.firstTableOf(() =>
      this.queryClient().queryWorkspace(workspaceId, query, { startTime: range.start, endTime: range.end }, this.queryOptions()),
    );
  }

  /**
   * A resource-context query: the service runs it over the rows whose `_ResourceId` is the resource (or a child
   * of it), in every workspace holding such rows, whatever the KQL says. `timespan` is an ISO 8601 duration
   * ending now. The id goes without its leading slash: the SDK would otherwise send `/v1//subscriptions/…`,
   * which the service refuses with 403 (Azure/azure-sdk-for-js#39415).
   */
  async queryResource(resourceId: string, query: string, timespan: string): Promise<LogRowsResult> {
    const id = resourceId.replace(/^\/+/, '');
    return this.firstTableOf(() => this.queryClient().queryResource(id, query, { duration: timespan }, this.queryOptions()));
  }

  private async firstTableOf(run: () => Promise<LogsQueryResult>): Promise<LogRowsResult> {
    const sdk = monitorQueryLogsSdk();
    let result;
    try {
      result = await run();
    } catch (error) {
      throw translateLogsError(error);
    }
    if (result.status === sdk.LogsQueryResultStatus.Success) return rowsOf(result.tables[0]);
    return {
      ...rowsOf(result.partialTables[0]),
      partialError: { code: result.partialError.code, message: result.partialError.message },
    };
  }

  private queryOptions(): { serverTimeoutInSeconds: number } {
    return { serverTimeoutInSeconds: this.options.serverTimeoutSeconds ?? DEFAULT_SERVER_TIMEOUT_SECONDS };
  }

  /**
   * Several queries in one request (the query API's `$batch`), each over its workspace and [start, end]. Every
   * query succeeds or fails on its own: a failed one comes back as an Error with the service's code, not thrown.
   */
  async queryBatch(queries: readonly BatchQuery[]): Promise<(LogRowsResult | Error)[]> {
    if (queries.length === 0) return [];
    const sdk = monitorQueryLogsSdk();
    let results;
    try {
      results = await this.queryClient().queryBatch(
        queries.map((query) => ({
          workspaceId: query.workspaceId,
          query: query.query,
          timespan: { startTime: query.range.start, endTime: query.range.end },
          serverTimeoutInSeconds: this.options.serverTimeoutSeconds ?? DEFAULT_SERVER_TIMEOUT_SECONDS,
        })),
      );
    } catch (error) {
      throw translateLogsError(error);
    }
    return results.map((result) => {
      if (result.status === sdk.LogsQueryResultStatus.Success) return rowsOf(result.tables[0]);
      if (result.status === sdk.LogsQueryResultStatus.PartialFailure) {
        return { ...rowsOf(result.partialTables[0]), partialError: { code: result.partialError.code, message: result.partialError.message } };
      }
      return new Error(`Log Analytics refused the query (${result.code}): ${result.message}`);
    });
  }

  private queryClient(): LogsQueryClient {
    this.client ??= new (monitorQueryLogsSdk().LogsQueryClient)(this.credential(), {
      endpoint: this.settings.FLEETPLANE_LOGS_ENDPOINT,
      ...(this.options.maxRetries !== undefined ? { retryOptions: { maxRetries: this.options.maxRetries } } : {}),
    });
    return this.client;
  }
}

function rowsOf(table: LogsTable | undefined): Omit<LogRowsResult, 'partialError'> {
  if (!table) return { columns: [], rows: [] };
  return {
    columns: table.columnDescriptors.map((column) => ({ name: column.name, type: column.type })),
    rows: table.rows,
  };
}
