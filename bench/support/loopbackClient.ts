import { request as httpRequest, type Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface Reply {
  status: number;
  body: string;
}

export type Send = (method: string, url: string, headers?: Record<string, string>, body?: unknown) => Promise<Reply>;

/** A bare keep-alive client (node:http/https), so that the client's own cost is the same on every path measured. */
export function loopbackClient(agent: HttpAgent | HttpsAgent): Send {
  const secure = agent instanceof HttpsAgent;
  return (method, url, headers = {}, body) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const options = {
        method,
        agent,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
      };
      const onResponse = (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      };
      const req = secure ? httpsRequest(url, options, onResponse) : httpRequest(url, options, onResponse);
      req.on('error', reject);
      req.end(payload);
    });
}
