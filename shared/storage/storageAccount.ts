import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';
import type { Settings } from '../config/settings';

/**
 * Builds Storage clients from the same settings the Functions host uses for AzureWebJobsStorage:
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

  blobService(): BlobServiceClient {
    const connectionString = this.settings.AzureWebJobsStorage;
    if (connectionString) return BlobServiceClient.fromConnectionString(connectionString);
    return new BlobServiceClient(this.serviceUri('blob'), this.identity());
  }

  private serviceUri(service: 'table' | 'blob'): string {
    const explicit =
      service === 'table'
        ? this.settings.AzureWebJobsStorage__tableServiceUri
        : this.settings.AzureWebJobsStorage__blobServiceUri;
    if (explicit) return explicit;
    return `https://${this.settings.AzureWebJobsStorage__accountName}.${service}.core.windows.net`;
  }

  private identity(): TokenCredential {
    const clientId = this.settings.AzureWebJobsStorage__clientId;
    this.credential ??= new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
    return this.credential;
  }
}
