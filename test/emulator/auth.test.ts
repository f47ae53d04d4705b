import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { SUB, startTestEmulator, withApi } from './harness';

describe('bearer token validation against a JWKS issuer', () => {
  let emulator: RunningAksEmulator;
  let jwksServer: ReturnType<typeof createServer>;
  let sign: (issuer: string) => Promise<string>;
  const path = withApi(`/subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters`);

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwksServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/keys`;
    sign = (issuer) =>
      new SignJWT({ sub: 'tester' })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer(issuer)
        .setAudience('https://management.azure.com')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
    emulator = await startTestEmulator({ auth: { mode: 'jwks', jwksUrl, issuer: 'https://dev-issuer.local', audience: 'https://management.azure.com' } });
  });
  afterAll(async () => {
    await emulator.close();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  const get = (token: string) => fetch(`${emulator.listenUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('accepts a token signed by the issuer', async () => {
    expect((await get(await sign('https://dev-issuer.local'))).status).toBe(200);
  });

  it('rejects a token from another issuer or a malformed token with 401 InvalidAuthenticationToken', async () => {
    for (const token of [await sign('https://elsewhere'), 'not-a-jwt']) {
      const res = await get(token);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');
    }
  });
});
