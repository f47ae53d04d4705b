import { BlobServiceClient } from '@azure/storage-blob';
import type { Settings } from '../../../shared/platform/settings/settings';
import type { StorageAccount } from '../../../shared/platform/storage/storageAccount';

/**
 * Blob access for the host's timer locks only; the app itself never needs blobs, so the Blob SDK stays out of
 * the functions' cold start.
 */
export function hostBlobService(settings: Settings, storage: StorageAccount): BlobServiceClient {
  const connectionString = settings.AzureWebJobsStorage;
  if (connectionString) return BlobServiceClient.fromConnectionString(connectionString);
  return new BlobServiceClient(storage.serviceUri('blob'), storage.identity());
}
