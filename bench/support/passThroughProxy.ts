/**
 * The floor for any API that answers a GET by reading ARM live from its own process: a bare Node server
 * that forwards each request to TARGET_ORIGIN over one keep-alive HTTPS connection pool and relays the
 * answer, with no parsing, authentication or SDK. `bench/clusterGet.ts` runs it beside the Fleet API.
 * Trusts the emulator through NODE_EXTRA_CA_CERTS, like the host does.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

const target = process.env.TARGET_ORIGIN;
if (!target) throw new Error('TARGET_ORIGIN is required');
const agent = new https.Agent({ keepAlive: true });

const server = http.createServer((req, res) => {
  const forwarded = https.request(
    `${target}${req.url ?? '/'}`,
    { method: req.method, agent, headers: { authorization: req.headers.authorization ?? '' } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
      answer.pipe(res);
    },
  );
  forwarded.on('error', () => {
    res.writeHead(502);
    res.end();
  });
  req.pipe(forwarded);
});

server.listen(0, '127.0.0.1', () => {
  console.log(`pass-through proxy listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => process.exit(0));
process.once('SIGINT', () => process.exit(0));
