import type { TokenCredential } from '@azure/identity';
import { identitySdk, storageQueueSdk } from '../azure/lazySdk';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import type { QueueClient } from '@azure/storage-queue';
import type { Settings } from '../settings/settings';

/**
 * Builds Table and Queue clients from the same settings the Functions host uses for AzureWebJobsStorage:
 * a connection string (Azurite locally), or identity-based `AzureWebJobsStorage__*` settings in Azure.
 */
export class StorageAccount {
  private credential: TokenCredential | undefined;
  private service: TableServiceClient | undefined;

  constructor(private readonly settings: Settings) {}

  tableClient(tableName: string): TableClient {
    const connectionString = this.settings.AzureWebJobsStorage;
    if (connectionString) {
      return TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: true });
    }
    return new TableClient(this.serviceUri('table'), tableName, this.identity());
  }

  /** One client per process: each client holds its own connection pool. */
  tableService(): TableServiceClient {
    this.service ??= this.newTableService();
    return this.service;
  }

  private newTableService(): TableServiceClient {
    const connectionString = this.settings.AzureWebJobsStorage;
    if (connectionString) {
      return TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: true });
    }
    return new TableServiceClient(this.serviceUri('table'), this.identity());
  }


  queueClient(queueName: string): QueueClient {
    const connectionString = this.settings.AzureWebJobsStorage;
    const { QueueClient } = storageQueueSdk();
    if (connectionString) return new QueueClient(connectionString, queueName);
    return new QueueClient(`${this.serviceUri('queue')}/${queueName}`, this.identity());
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
