import type { TokenCredential } from '@azure/identity';
import { identitySdk, storageQueueSdk } from '../azure/lazySdk';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import type { Settings } from '../settings/settings';
import { STORAGE_RETRY_OPTIONS, tableClientDeadlineOptions, type StorageDeadlines } from './storageDeadlines';
import { StorageQueue } from './storageQueue';

/**
 * Builds Table and Queue clients from the same settings the Functions host uses for AzureWebJobsStorage:
 * a connection string (Azurite locally), or identity-based `AzureWebJobsStorage__*` settings in Azure.
 * Every call through them has a deadline (`FLEETPLANE_STORAGE_TIMEOUT_MS`, per try
 * `FLEETPLANE_STORAGE_TRY_TIMEOUT_MS`), and storage that cannot answer is a DependencyUnavailableError.
 */
export class StorageAccount {
  private credential: TokenCredential | undefined;
  private service: TableServiceClient | undefined;
  readonly deadlines: StorageDeadlines;

  constructor(private readonly settings: Settings) {
    this.deadlines = { timeoutMs: settings.FLEETPLANE_STORAGE_TIMEOUT_MS, tryTimeoutMs: settings.FLEETPLANE_STORAGE_TRY_TIMEOUT_MS };
  }

  tableClient(tableName: string): TableClient {
    const connectionString = this.settings.AzureWebJobsStorage;
    const options = tableClientDeadlineOptions(this.deadlines);
    if (connectionString) {
      return TableClient.fromConnectionString(connectionString, tableName, { ...options, allowInsecureConnection: true });
    }
    return new TableClient(this.serviceUri('table'), tableName, this.identity(), options);
  }

  /** One client per process: each client holds its own connection pool. */
  tableService(): TableServiceClient {
    this.service ??= this.newTableService();
    return this.service;
  }

  private newTableService(): TableServiceClient {
    const connectionString = this.settings.AzureWebJobsStorage;
    const options = tableClientDeadlineOptions(this.deadlines);
    if (connectionString) {
      return TableServiceClient.fromConnectionString(connectionString, { ...options, allowInsecureConnection: true });
    }
    return new TableServiceClient(this.serviceUri('table'), this.identity(), options);
  }

  /** A queue of JSON messages; each send has the call deadline (the Queue SDK takes no per-try hook). */
  queue<M>(queueName: string): StorageQueue<M> {
    const connectionString = this.settings.AzureWebJobsStorage;
    const { QueueClient } = storageQueueSdk();
    const retryOptions = {
      maxTries: STORAGE_RETRY_OPTIONS.maxRetries + 1,
      retryDelayInMs: STORAGE_RETRY_OPTIONS.retryDelayInMs,
      maxRetryDelayInMs: STORAGE_RETRY_OPTIONS.maxRetryDelayInMs,
    };
    const client = connectionString
      ? new QueueClient(connectionString, queueName, { retryOptions })
      : new QueueClient(`${this.serviceUri('queue')}/${queueName}`, this.identity(), { retryOptions });
    return new StorageQueue<M>(client, this.deadlines.timeoutMs);
  }

  /** The service endpoint for identity-based access (no connection string). */
  serviceUri(service: 'table' | 'blob' | 'queue'): string {
    const explicit = {
      table: this.settings.AzureWebJobsStorage__tableServiceUri,
      blob: this.settings.AzureWebJobsStorage__blobServiceUri,
      queue: this.settings.AzureWebJobsStorage__queueServiceUri,
    }[service];
    if (explicit) return explicit;
    return `https://${this.settings.AzureWebJobsStorage__accountName}.${service}.core.windows.net`;
  }

  /** DefaultAzureCredential (optionally a user-assigned identity), created once. */
  identity(): TokenCredential {
    const clientId = this.settings.AzureWebJobsStorage__clientId;
    this.credential ??= new (identitySdk().DefaultAzureCredential)(clientId ? { managedIdentityClientId: clientId } : {});
    return this.credential;
  }
}
