import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { SUB } from '../emulator/harness';
import { startFleetStack, type FleetStack } from '../support/fleetStack';
import type { StartedHost } from '../support/localHost';

const AUDIENCE = 'api://fleetplane-health-e2e';
/** What ARM says when Fleetplane's identity lacks a role: the line names the identity and the subscription. */
const IDENTITY_OID = '5e1f0000-0000-4000-8000-00000000abcd';
const DENIAL = `The client '${IDENTITY_OID}' with object id '${IDENTITY_OID}' does not have authorization to perform action 'Microsoft.ContainerService/locations/kubernetesVersions/read' over scope '/subscriptions/${SUB}'.`;
const FLOOD = 60;

describe('health through the local host: a free liveness, a cached readiness, details only for Admins', () => {
  let stack: FleetStack;
  let emulator: RunningAksEmulator;
  let host: StartedHost;
  let admin: string;
  let reader: string;

  beforeAll(async () => {
    stack = await startFleetStack({ audience: AUDIENCE });
    ({ emulator, host } = stack);
    [admin, reader] = await Promise.all([stack.token({ role: 'Admin' }), stack.token({ role: 'Reader' })]);
  });
  afterAll(() => stack?.stop());

  const get = (route: string, bearer?: string) =>
    fetch(`${host.origin}/api/${route}`, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {});
  const armProbes = () => emulator.counters()['managedClusters.listKubernetesVersions'] ?? 0;

  it('readiness: a flood of anonymous probes while ARM refuses costs one ARM call and answers 503 + Retry-After, no error line', async () => {
    emulator.injectFault({ kind: 'error', operation: 'managedClusters.listKubernetesVersions', status: 403, code: 'AuthorizationFailed', message: DENIAL });
    const answers = await Promise.all(Array.from({ length: FLOOD }, () => get('health/ready')));

    expect(armProbes()).toBe(1);
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(answer.headers.get('retry-after'))).toBeLessThanOrEqual(10);
      const text = await answer.text();
      expect(JSON.parse(text)).toEqual({ status: 'notReady' });
      expect(text).not.toContain(SUB);
      expect(text).not.toContain(IDENTITY_OID);
    }
  });

  it('readiness: a Reader gets the status only; an Admin gets the checks and the failure line; a bad token is refused', async () => {
    expect(await (await get('health/ready', reader)).json()).toEqual({ status: 'notReady' });

    const details = await get('health/ready', admin);
    expect(details.status).toBe(503);
    const report = (await details.json()) as any;
    expect(report).toMatchObject({ status: 'notReady', mode: 'local', checks: { storage: { status: 'ok' }, azureResourceManager: { status: 'failed' } } });
    expect(report.checks.azureResourceManager.detail).toContain(`HTTP 403: The client '${IDENTITY_OID}'`);
    expect(Date.parse(report.checkedAt)).not.toBeNaN();

    expect((await get('health/ready', 'not-a-token')).status).toBe(401);
    expect(armProbes()).toBe(1);
  });

  it('liveness: a flood of anonymous probes calls no dependency and says nothing but "live"', async () => {
    emulator.resetCounters();
    const answers = await Promise.all(Array.from({ length: FLOOD }, () => get('health')));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ status: 'live' });
    }
    expect(emulator.counters()).toEqual({});
  });
});
