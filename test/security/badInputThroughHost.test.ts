import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fourPoolSpec } from '../integration/clusters/clusterTestBed';
import { fieldsNamed, jsonRequest, rawRequest, SUBSCRIPTION, startSecurityStack, type SecurityStack } from './support/securityStack';

const CLUSTERS = `subscriptions/${SUBSCRIPTION}/resourceGroups/rg-security/clusters`;
const TWO_MIB = 2 * 1024 * 1024;

function clusterWithVmSize(vmSize: string) {
  return { location: 'eastus', nodePools: [{ name: 'system', mode: 'System', vmSize, count: 1 }] };
}

describe('bad input through the local host, Azurite and the AKS emulator (§5.8 I3, I5, I6, W7, A1)', () => {
  let stack: SecurityStack;

  beforeAll(async () => {
    stack = await startSecurityStack();
  });
  afterAll(() => stack?.stop());

  describe('VM-size globs (hole 1)', () => {
    beforeAll(async () => {
      const saved = await jsonRequest(stack, 'PUT', 'guardrails', { allowedVmSizes: ['Standard_*_*_*_v5', 'Standard_D*s_v5'] });
      expect(saved.status).toBe(200);
    });
    afterAll(() => jsonRequest(stack, 'PUT', 'guardrails', {}));

    it.each([2 * 1024, 20 * 1024])('answers a %i-character VM size against three-star patterns with 400 for its length, before any guardrail', async (length) => {
      const vmSize = `Standard_${'_'.repeat(length - 9)}`;
      stack.emulator.resetCounters();
      const answer = await jsonRequest(stack, 'PUT', `${CLUSTERS}/redos?dryRun=true`, clusterWithVmSize(vmSize));
      expect(answer.status).toBe(400);
      expect(answer.json.errors).toContainEqual(expect.objectContaining({ path: 'nodePools[0].vmSize', code: 'too_big' }));
      expect(stack.emulator.requestsSeen()).toBe(0);
    });

    it('still applies the patterns to real sizes', async () => {
      const refused = await jsonRequest(stack, 'PUT', `${CLUSTERS}/globs?dryRun=true`, clusterWithVmSize('Standard_D4s_v4'));
      expect(refused.status).toBe(400);
      expect(refused.json.errors).toContainEqual(expect.objectContaining({ path: 'nodePools[0].vmSize', code: 'VmSizeNotAllowed' }));
      expect((await jsonRequest(stack, 'PUT', `${CLUSTERS}/globs?dryRun=true`, clusterWithVmSize('Standard_D4s_v5'))).status).toBe(200);
    });
  });

  describe('body size (W7, body half)', () => {
    it('answers a 2 MiB body with Content-Length 413 problem+json, and ARM sees nothing', async () => {
      stack.emulator.resetCounters();
      const answer = await jsonRequest(stack, 'PUT', `${CLUSTERS}/big`, `{"location":"${'x'.repeat(TWO_MIB)}"}`);
      expect(answer.status).toBe(413);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.json).toMatchObject({ status: 413 });
      expect(stack.emulator.requestsSeen()).toBe(0);
    });

    it('answers a chunked 2 MiB body (no Content-Length) 413 as well', async () => {
      const answer = await rawRequest(stack.host.origin, {
        method: 'PUT',
        path: `/api/${CLUSTERS}/chunked`,
        headers: { authorization: `Bearer ${stack.owner}`, 'content-type': 'application/json' },
        body: `{"location":"${'x'.repeat(TWO_MIB)}"}`,
        chunked: true,
      });
      expect(answer.status).toBe(413);
    });
  });

  describe('malformed and hostile JSON (I5, I6)', () => {
    it.each([
      ['malformed JSON', '{"location":"eastus",', 'invalid_json'],
      ['10k nesting', `{"tags":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 'too_deep'],
      ['1e400', '{"location":"eastus","nodePools":[{"name":"system","vmSize":"Standard_D4s_v5","count":1e400}]}', 'number_out_of_range'],
      ['duplicate keys', '{"location":"eastus","location":"westus","nodePools":[]}', 'duplicate_key'],
      ['a huge array', `{"location":"eastus","nodePools":[${'{},'.repeat(100_000)}{}]}`, 'too_many_members'],
      ['__proto__', '{"location":"eastus","__proto__":{"polluted":true},"nodePools":[]}', 'forbidden_key'],
      ['constructor.prototype', '{"location":"eastus","constructor":{"prototype":{"polluted":true}},"nodePools":[]}', 'forbidden_key'],
    ])('answers %s with 400 and sends nothing to ARM', async (_label, body, code) => {
      stack.emulator.resetCounters();
      const answer = await jsonRequest(stack, 'PUT', `${CLUSTERS}/hostile`, body);
      expect(answer.status).toBe(400);
      expect(answer.json.errors).toContainEqual(expect.objectContaining({ code }));
      expect(stack.emulator.requestsSeen()).toBe(0);
    });

    it('answers 101 node pools with 400 naming nodePools (the AKS limit is 100)', async () => {
      const pools = Array.from({ length: 101 }, (_, index) => ({ name: `p${index}`, mode: index === 0 ? 'System' : 'User', vmSize: 'Standard_D4s_v5', count: 1 }));
      const answer = await jsonRequest(stack, 'PUT', `${CLUSTERS}/many?dryRun=true`, { ...fourPoolSpec(), nodePools: pools });
      expect(answer.status).toBe(400);
      expect(answer.json.errors).toContainEqual(expect.objectContaining({ path: 'nodePools', code: 'too_big' }));
    });

    it('answers 51 tags with 400 naming tags (the ARM limit is 50)', async () => {
      const tags = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`t${index}`, 'v']));
      const answer = await jsonRequest(stack, 'PUT', `${CLUSTERS}/tags?dryRun=true`, { ...fourPoolSpec(), tags });
      expect(answer.status).toBe(400);
      expect(fieldsNamed(answer)).toContain('tags');
    });
  });

  describe('path names (I3)', () => {
    const cluster = (name: string, resourceGroup = 'rg-security', subscription = SUBSCRIPTION) =>
      `/api/subscriptions/${subscription}/resourceGroups/${resourceGroup}/clusters/${name}`;

    it.each([
      ['cluster ..', cluster('..')],
      ['cluster .', cluster('.')],
      ['cluster %2E%2E', cluster('%2E%2E')],
      ['cluster a/b', cluster('a/b')],
      ['cluster a%2Fb', cluster('a%2Fb')],
      ['cluster ..%2F..%2Fother', cluster('..%2F..%2Fother')],
      ['cluster of 64 characters', cluster('c'.repeat(64))],
      ['cluster with a NUL', cluster('a%00b')],
      ['cluster starting with -', cluster('-abc')],
      ['resource group ending in .', cluster('ok', 'rg.')],
      ['resource group of 91 characters', cluster('ok', 'r'.repeat(91))],
      ['resource group %2F', cluster('ok', 'rg%2Fother')],
      ['subscription that is not a GUID', cluster('ok', 'rg', 'AbCdEfGh-0000-0000-0000-000000000000')],
      ['subscription ..', cluster('ok', 'rg', '..')],
      ['node pool of 13 characters', `${cluster('ok')}/nodePools/${'p'.repeat(13)}`],
      ['node pool in upper case', `${cluster('ok')}/nodePools/System`],
    ])('refuses %s before the SDK: 400 (or 404 when no route matches), and the emulator sees 0 requests', async (_label, path) => {
      stack.emulator.resetCounters();
      for (const method of ['GET', 'DELETE']) {
        const answer = await rawRequest(stack.host.origin, { method, path, headers: { authorization: `Bearer ${stack.owner}` } });
        expect([400, 404]).toContain(answer.status);
        if (answer.status === 400) expect(answer.json).toMatchObject({ status: 400 });
      }
      expect(stack.emulator.requestsSeen()).toBe(0);
    });

    it('forwards a valid path with mixed-case names to ARM (so the counter above does count)', async () => {
      stack.emulator.resetCounters();
      const answer = await rawRequest(stack.host.origin, { method: 'GET', path: cluster('Missing', 'RG-Security'), headers: { authorization: `Bearer ${stack.owner}` } });
      expect(answer.status).toBe(404);
      expect(stack.emulator.requestsSeen()).toBeGreaterThan(0);
    });
  });

  describe('repeated Authorization headers (A1, hole 7)', () => {
    it('refuses two Authorization lines, even two valid tokens, with 401 WWW-Authenticate: Bearer, and audits authn failure', async () => {
      const correlationId = `dup-auth-${Date.now()}`;
      const answer = await rawRequest(stack.host.origin, {
        method: 'GET',
        path: '/api/whoami',
        headers: { authorization: [`Bearer ${stack.owner}`, `Bearer ${stack.owner}`], 'x-correlation-id': correlationId },
      });
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(answer.json).toMatchObject({ code: 'repeated_header' });

      const audit = await jsonRequest(stack, 'GET', `auditEvents?pageSize=200&from=${new Date(Date.now() - 600_000).toISOString()}`);
      expect(audit.status).toBe(200);
      expect(audit.json.value).toContainEqual(
        expect.objectContaining({ correlationId, decision: 'unauthenticated', outcome: 'denied', reason: 'repeated_header', status: 401 }),
      );
    });

    it('still accepts one Authorization line', async () => {
      const answer = await rawRequest(stack.host.origin, { method: 'GET', path: '/api/whoami', headers: { authorization: `Bearer ${stack.owner}` } });
      expect(answer.status).toBe(200);
    });
  });
});
