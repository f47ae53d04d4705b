import path from 'node:path';
import { spawnManaged, type ManagedChild } from '../stack/childProcess';

export interface AzuriteOptions {
  host?: string;
  blobPort?: number;
  queuePort?: number;
  tablePort?: number;
  /** A folder to keep data in; in memory when absent. */
  persistLocation?: string;
  onLine?: (line: string) => void;
  /** Called as soon as the process exists, so a caller can stop it even if start-up is interrupted. */
  onSpawn?: (child: ManagedChild) => void;
}

export interface RunningAzurite {
  connectionString: string;
  blobUrl: string;
  queueUrl: string;
  tableUrl: string;
  child: ManagedChild;
  stop(): Promise<void>;
}

/** Azurite's published development account (documented by Microsoft; not a secret). */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const LISTENING = /Azurite (Blob|Queue|Table) service is successfully listening at (http:\/\/\S+)/;

/** Starts Azurite as a child process (ports 0 = any free port) and resolves once all three services listen. */
export async function startAzurite(options: AzuriteOptions = {}): Promise<RunningAzurite> {
  const host = options.host ?? '127.0.0.1';
  const args = [
    require.resolve('azurite/dist/src/azurite.js'),
    '--silent',
    '--skipApiVersionCheck',
    '--disableTelemetry',
    '--loose',
    ...['blob', 'queue', 'table'].flatMap((s) => [`--${s}Host`, host]),
    '--blobPort', String(options.blobPort ?? 0),
    '--queuePort', String(options.queuePort ?? 0),
    '--tablePort', String(options.tablePort ?? 0),
    ...(options.persistLocation ? ['--location', path.resolve(options.persistLocation)] : ['--inMemoryPersistence']),
  ];
  const child = spawnManaged({ name: 'azurite', command: process.execPath, args, onLine: options.onLine });
  options.onSpawn?.(child);
  const urls: Record<string, string> = {};
  try {
    await child.waitForLine(/Table service is successfully listening/, 30_000);
    await child.waitForLine(/Blob service is successfully listening/, 30_000);
    await child.waitForLine(/Queue service is successfully listening/, 30_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  for (const line of child.recentOutput().split('\n')) {
    const match = LISTENING.exec(line);
    if (match) urls[match[1]!.toLowerCase()] = match[2]!;
  }
  const [blobUrl, queueUrl, tableUrl] = [urls.blob!, urls.queue!, urls.table!];
  return {
    connectionString: [
      'DefaultEndpointsProtocol=http',
      `AccountName=${ACCOUNT}`,
      `AccountKey=${ACCOUNT_KEY}`,
      `BlobEndpoint=${blobUrl}/${ACCOUNT}`,
      `QueueEndpoint=${queueUrl}/${ACCOUNT}`,
      `TableEndpoint=${tableUrl}/${ACCOUNT}`,
    ].join(';'),
    blobUrl,
    queueUrl,
    tableUrl,
    child,
    stop: () => child.stop(),
  };
}
