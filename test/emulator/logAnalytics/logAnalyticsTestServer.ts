import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TokenCredential } from '@azure/identity';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import type { LogAnalyticsApi } from '../../../local/aks-emulator/logAnalytics';
import { ensureEmulatorCertificate } from '../../../local/aks-emulator/tls';
import { EMULATOR_CERT_DIR } from '../../support/emulatorCa';

export interface RunningLogAnalyticsServer {
  /** https://127.0.0.1:port */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves a Log Analytics API over HTTPS with the emulator's test CA (trusted by the test workers through
 * NODE_EXTRA_CA_CERTS), the way the emulator's own server will mount it.
 */
export async function startLogAnalyticsServer(api: LogAnalyticsApi): Promise<RunningLogAnalyticsServer> {
  const { certPath, keyPath } = await ensureEmulatorCertificate(EMULATOR_CERT_DIR);
  const server: Server = createServer(
    { cert: await readFile(certPath), key: await readFile(keyPath) },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const response = api.handle({
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers: req.headers,
          body: text === '' ? undefined : text,
        });
        res.writeHead(response.status, response.headers).end(JSON.stringify(response.body));
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Any bearer token will do: the emulator checks that one is sent, as the service requires. */
const dummyCredential: TokenCredential = {
  getToken: () => Promise.resolve({ token: 'test-token', expiresOnTimestamp: Date.now() + 3600e3 }),
};

/** The real SDK client, unmodified, pointed at the server (`/v1` kept: a custom endpoint is used as given). */
export function logsClient(server: RunningLogAnalyticsServer, path = '/v1'): LogsQueryClient {
  return new LogsQueryClient(dummyCredential, {
    endpoint: `${server.origin}${path}`,
    retryOptions: { maxRetries: 0 },
  });
}
