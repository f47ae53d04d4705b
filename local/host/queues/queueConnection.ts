import { DefaultAzureCredential } from '@azure/identity';
import { QueueServiceClient } from '@azure/storage-queue';

/**
 * The queue service behind a trigger's connection setting, resolved as the host does: a connection string in
 * `<name>` or `AzureWebJobs<name>`, else identity-based settings `<name>__queueServiceUri` (or `__serviceUri`)
 * or `<name>__accountName`, with `<name>__clientId` for a user-assigned identity.
 */
export function queueServiceFor(name: string, env: Record<string, string | undefined>): QueueServiceClient {
  const connectionString = env[name] || env[`AzureWebJobs${name}`];
  if (connectionString) return QueueServiceClient.fromConnectionString(connectionString);
  const serviceUri = identityServiceUri(name, env);
  if (!serviceUri) {
    throw new Error(
      `Queue connection "${name}" is not configured: set ${name} to a connection string, or ${name}__queueServiceUri / ${name}__accountName for identity-based access.`,
    );
  }
  const clientId = env[`${name}__clientId`];
  return new QueueServiceClient(
    serviceUri,
    new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {}),
  );
}

function identityServiceUri(name: string, env: Record<string, string | undefined>): string | undefined {
  const explicit = env[`${name}__queueServiceUri`] || env[`${name}__serviceUri`];
  if (explicit) return explicit;
  const account = env[`${name}__accountName`];
  return account ? `https://${account}.queue.core.windows.net` : undefined;
}
