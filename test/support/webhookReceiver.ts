import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { EMULATOR_CERT_DIR } from './emulatorCa';

export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  /** The status this receiver answered. */
  answered: number;
}

/** Decides the answer to each request (status, optional headers, optional body); default 200. */
export type Responder = (request: { headers: Record<string, string>; body: string; index: number }) => { status: number; headers?: Record<string, string>; body?: string } | 'hang';

/** A webhook receiver on loopback that records every request and answers as the test says. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];

  respond: Responder = () => ({ status: 200 });

  private server!: Server;

  private readonly hanging = new Set<ServerResponse>();

  private constructor(private readonly scheme: 'http' | 'https') {}

  /** `https` serves the AKS emulator's certificate (trusted by the test workers, SAN localhost and 127.0.0.1). */
  static async start(scheme: 'http' | 'https' = 'http'): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(scheme);
    const handler = (request: IncomingMessage, response: ServerResponse) => receiver.handle(request, response);
    receiver.server =
      scheme === 'https'
        ? createHttpsServer(
            { cert: readFileSync(path.join(EMULATOR_CERT_DIR, 'ca-cert.pem')), key: readFileSync(path.join(EMULATOR_CERT_DIR, 'ca-key.pem')) },
            handler,
          )
        : createHttpServer(handler);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(pathname = '/hook', host = '127.0.0.1'): string {
    return `${this.scheme}://${host}:${this.port}${pathname}`;
  }

  /** The answered requests of one webhook-id. */
  of(webhookId: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.headers['webhook-id'] === webhookId);
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = this.respond({ headers, body, index: this.received.length });
      if (answer === 'hang') {
        this.hanging.add(response);
        return;
      }
      this.received.push({ headers, body, answered: answer.status });
      response.writeHead(answer.status, answer.headers ?? {});
      response.end(answer.body ?? '');
    });
  }
}
