import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { ensureEmulatorCertificate } from '../../../../local/aks-emulator/tls';
import { EMULATOR_CERT_DIR } from '../../../support/emulatorCa';

/** One Application Insights envelope as the Azure Monitor exporter sends it (the fields the tests read). */
export interface Envelope {
  name: string;
  tags: Record<string, string>;
  data: { baseType: string; baseData: Record<string, any> & { properties?: Record<string, string> } };
}

export interface FakeIngestion {
  /** The IngestionEndpoint for the connection string (https, trusted through the test CA). */
  url: string;
  envelopes: Envelope[];
  /** Every request body as received, decompressed: to search for what must never leave the process. */
  rawBodies: string[];
  close(): Promise<void>;
}

/**
 * Application Insights' ingestion endpoint (`POST /v2.1/track`) on loopback, so the real Azure Monitor exporter
 * runs end to end. The exporter insists on https; the AKS emulator's test CA is already trusted by every worker.
 */
export async function startFakeIngestion(): Promise<FakeIngestion> {
  const { certPath, keyPath } = await ensureEmulatorCertificate(EMULATOR_CERT_DIR);
  const envelopes: Envelope[] = [];
  const rawBodies: string[] = [];
  const server: Server = createServer(
    { cert: await readFile(certPath), key: await readFile(keyPath) },
    (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = (request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString(
          'utf8',
        );
        rawBodies.push(text);
        const received = text.trim() === '' ? [] : (JSON.parse(text) as Envelope[]);
        envelopes.push(...received);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ itemsReceived: received.length, itemsAccepted: received.length, errors: [] }),
        );
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    envelopes,
    rawBodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
