import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicCluster, clusterPath, raw, SUB, withApi } from '../emulator/harness';
import { startFleetStack, type FleetStack } from '../support/fleetStack';
import type { StartedHost } from '../support/localHost';
import { FORBIDDEN_IN_LOGS } from './support/forbiddenInLogs';

const AUDIENCE = 'api://fleetplane-log-hygiene';
const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const PRINCIPAL = Buffer.from(JSON.stringify({ auth_typ: 'aad', claims: [{ typ: 'oid', val: 'forged' }] })).toString('base64');
const CLUSTER = `subscriptions/${SUB}/resourceGroups/rg-logs/clusters`;

describe('§5.8 L2: a representative set of requests through the local host leaves no secret in any log line', () => {
  let stack: FleetStack;
  let host: StartedHost;
  let owner: string;

  beforeAll(async () => {
    stack = await startFleetStack({
      audience: AUDIENCE,
      prepare: async (emulator) => {
        expect((await raw(emulator, 'PUT', withApi(clusterPath('rg-logs', 'seen')), basicCluster())).status).toBe(201);
        emulator.advanceClock(3_600);
      },
      env: () => ({ FLEETPLANE_LOG_LEVEL: 'debug' }),
    });
    host = stack.host;
    owner = await stack.token({ role: 'Owner' });
  });
  afterAll(() => stack?.stop());

  it('greps every captured line for tokens, keys, signatures and client principals: 0 hits', async () => {
    const send = (route: string, init: RequestInit = {}) => fetch(`${host.origin}/api/${route}`, init).then(async (r) => ({ status: r.status, text: await r.text() }));
    const bearer = { authorization: `Bearer ${owner}` };
    const answers = [
      await send('health'),
      await send('health/ready', { headers: bearer }),
      await send('whoami', { headers: { ...bearer, 'x-correlation-id': owner.slice(0, 60) } }),
      await send('whoami', { headers: { authorization: `Bearer ${owner.slice(0, -8)}AAAAAAAA` } }),
      await send('whoami', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
      await send('whoami', { headers: { 'x-ms-client-principal': PRINCIPAL, 'x-ms-client-principal-id': 'forged' } }),
      await send(`clusters?code=FuncK3yValue&sig=SasSignatureValue`, { headers: bearer }),
      await send(`${CLUSTER}/seen?code=0.AXoA_authcode`, { headers: bearer }),
      await send(`${CLUSTER}/missing`, { headers: bearer }),
      await send(`${CLUSTER}/leaky?dryRun=true`, {
        method: 'PUT',
        headers: { ...bearer, 'content-type': 'application/json' },
        body: JSON.stringify({
          location: 'eastus',
          kubernetesVersion: '1.36',
          tags: { webhook: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', storage: `AccountName=a;AccountKey=${AZURITE_KEY}` },
          client_secret: 'Zx8Q~secretvalue',
          nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 1 }],
        }),
      }),
      await send(`${CLUSTER}/bad`, { method: 'PUT', headers: { ...bearer, 'content-type': 'application/json' }, body: `{"client_secret": "${AZURITE_KEY}", ` }),
      await send('roleBindings?sig=SasSignatureValue', { headers: bearer }),
      await send('auditEvents', { headers: bearer }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 401, 401, 401, 200, 200, 404, expect.any(Number), 400, 200, 200]);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const lines = host.output().split('\n');
    expect(lines.length).toBeLessThan(200); // the host keeps its last 200 lines: all of this run must be there
    expect(lines.filter((line) => line.includes('"Request completed"')).length).toBe(answers.length);
    const hits = lines.flatMap((line) => FORBIDDEN_IN_LOGS.filter((word) => line.includes(word)).map((word) => `${word} in ${line}`));
    expect(hits).toEqual([]);
    for (const secret of [owner, AZURITE_KEY, 'FuncK3yValue', 'SasSignatureValue', 'Zx8Q~secretvalue', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', PRINCIPAL]) {
      expect(host.output()).not.toContain(secret);
    }
  });
});
