import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicCluster, clusterPath, raw, SUB, withApi } from '../emulator/harness';
import { startFleetStack, type FleetStack } from '../support/fleetStack';

const AUDIENCE = 'api://fleetplane-autoscale-policies-e2e';
const OWNER = '0a500000-0000-4000-8000-000000000001';
const OPERATOR = '0a500000-0000-4000-8000-000000000002';
const READER = '0a500000-0000-4000-8000-000000000003';
const POOLS = `subscriptions/${SUB}/resourceGroups/rg-autoscale/clusters/dev/nodePools`;

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

const policy = {
  minNodes: 1,
  maxNodes: 6,
  mode: 'DryRun',
  targets: { cpuUtilizationPercent: 60, pendingPods: true },
  behavior: { scaleDown: { stabilizationWindowSeconds: 600 } },
  schedules: [{ name: 'night', cron: '0 0 20 * * *', timeZone: 'Europe/Berlin', durationMinutes: 660, action: { type: 'ScaleToZero' } }],
};

describe('autoscale policies and what-if through the local host', () => {
  let stack: FleetStack;
  let owner: string;
  let operator: string;
  let reader: string;

  async function call(method: string, route: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${stack.host.origin}/api/${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  const fieldsOf = (answer: Answer) => (answer.body.errors as { path: string }[]).map((issue) => issue.path).sort();

  beforeAll(async () => {
    stack = await startFleetStack({
      audience: AUDIENCE,
      prepare: async (emulator) => {
        const spec = basicCluster({ dnsPrefix: 'dev' });
        spec.properties.agentPoolProfiles.push({ name: 'batch', mode: 'User', osType: 'Linux', vmSize: 'Standard_D4s_v5', count: 2 });
        expect((await raw(emulator, 'PUT', withApi(clusterPath('rg-autoscale', 'dev')), spec)).status).toBeLessThan(300);
        emulator.advanceClock(3_600);
      },
    });
    [owner, operator, reader] = await Promise.all([
      stack.token({ role: 'Owner', oid: OWNER }),
      stack.token({ role: 'Operator', oid: OPERATOR }),
      stack.token({ role: 'Reader', oid: READER }),
    ]);
  }, 120_000);

  afterAll(() => stack?.stop());

  it('a pool policy: created with an ETag, read by a Reader, refused with a stale If-Match, deleted', async () => {
    const created = await call('PUT', `${POOLS}/batch/autoscalePolicy`, operator, policy);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ poolName: 'batch', poolMode: 'User', policy: { ...policy, enabled: true }, updatedBy: expect.stringContaining(OPERATOR) });
    const etag = created.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);

    const read = await call('GET', `${POOLS}/batch/autoscalePolicy`, reader);
    expect({ status: read.status, etag: read.headers.get('etag') }).toEqual({ status: 200, etag });

    const replaced = await call('PUT', `${POOLS}/batch/autoscalePolicy`, operator, { ...policy, maxNodes: 8 }, { 'if-match': etag });
    expect(replaced.status).toBe(200);
    const stale = await call('PUT', `${POOLS}/batch/autoscalePolicy`, operator, policy, { 'if-match': etag });
    expect(stale.status).toBe(412);

    expect((await call('DELETE', `${POOLS}/batch/autoscalePolicy`, operator, undefined, { 'if-match': etag })).status).toBe(412);
    expect((await call('DELETE', `${POOLS}/batch/autoscalePolicy`, operator, undefined, { 'if-match': replaced.headers.get('etag')! })).status).toBe(204);
    expect((await call('GET', `${POOLS}/batch/autoscalePolicy`, reader)).status).toBe(404);

    const audit = await call('GET', 'auditEvents?pageSize=200', owner);
    const writes = (audit.body.value as { action: string; status: number; caller?: { objectId: string } }[])
      .filter((event) => event.action.endsWith('PoolAutoscalePolicy') && event.caller?.objectId === OPERATOR)
      .map((event) => `${event.action} ${event.status}`)
      .sort();
    expect(writes).toEqual(expect.arrayContaining(['deletePoolAutoscalePolicy 204', 'deletePoolAutoscalePolicy 412', 'putPoolAutoscalePolicy 200', 'putPoolAutoscalePolicy 201', 'putPoolAutoscalePolicy 412']));
  });

  it('validation names every bad field, the cron library\'s and the pool mode\'s too', async () => {
    const bad = await call('PUT', `${POOLS}/batch/autoscalePolicy`, operator, {
      ...policy,
      minNodes: 9,
      targets: { cpuUtilizationPercent: 150 },
      schedules: [{ ...policy.schedules[0], timeZone: 'Europe/Nowhere' }],
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['minNodes', 'schedules[0].timeZone', 'targets.cpuUtilizationPercent']);

    const outOfRange = await call('PUT', `${POOLS}/batch/autoscalePolicy`, operator, { ...policy, schedules: [{ ...policy.schedules[0], cron: '0 61 20 * * *' }] });
    expect({ status: outOfRange.status, fields: fieldsOf(outOfRange) }).toEqual({ status: 400, fields: ['schedules[0].cron'] });

    const systemToZero = await call('PUT', `${POOLS}/system/autoscalePolicy`, operator, { ...policy, minNodes: 0 });
    expect({ status: systemToZero.status, fields: fieldsOf(systemToZero) }).toEqual({ status: 400, fields: ['minNodes', 'schedules[0].action.type'] });

    expect((await call('PUT', `${POOLS}/nope/autoscalePolicy`, operator, policy)).status).toBe(404);
  });

  it('a Reader may not write policies (403), pool or fleet-wide', async () => {
    expect((await call('PUT', `${POOLS}/batch/autoscalePolicy`, reader, policy)).status).toBe(403);
    expect((await call('PUT', 'autoscalePolicies/dev-pools', reader, { ...policy, selector: { poolMode: 'User' } })).status).toBe(403);
  });

  it('fleet-wide policies at tenant scope: created, listed, replaced with If-Match', async () => {
    const body = { ...policy, description: 'dev clusters sleep at night', selector: { clusterTags: { env: 'dev' }, poolMode: 'User' } };
    const created = await call('PUT', 'autoscalePolicies/dev-pools', operator, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'dev-pools', policy: body });
    expect((await call('PUT', 'autoscalePolicies/dev-pools', owner, body, { 'if-match': '"stale"' })).status).toBe(412);
    const listed = await call('GET', 'autoscalePolicies', reader);
    expect(listed.body.value.map((row: { name: string }) => row.name)).toEqual(['dev-pools']);
    const zeroWithoutMode = await call('PUT', 'autoscalePolicies/all', owner, { ...policy, selector: {} });
    expect(fieldsOf(zeroWithoutMode)).toEqual(['schedules[0].action.type']);
  });

  it('what-if replays a policy over a generated spike and reports node-hours and minutes above target', async () => {
    const answer = await call('POST', 'autoscale/whatIf', reader, {
      policy: { ...policy, mode: 'Enforce', schedules: [] },
      series: {
        kind: 'generated',
        start: '2026-03-02T09:55:00Z',
        minutes: 60,
        profile: { kind: 'spike', spikeEveryMinutes: 60, spikeMinutes: 10, spikeMultiplier: 2.5 },
        demandAtNominalLoad: { cpuNodes: 1.5, memoryNodes: 1 },
        initialNodeCount: 3,
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.points).toHaveLength(60);
    expect(answer.body.decisions[0]).toMatchObject({ at: '2026-03-02T10:00:00.000Z', action: { type: 'SetCount', from: 3 }, rule: expect.stringMatching(/^metric:/) });
    expect(answer.body.nodeHours).toBeGreaterThan(3);
    expect(answer.body.minutesAboveTarget).toBeGreaterThan(0);

    const tooLong = await call('POST', 'autoscale/whatIf', reader, { policy, series: { kind: 'recorded', start: '2026-03-02T00:00:00Z', minutes: [] } });
    expect({ status: tooLong.status, fields: fieldsOf(tooLong) }).toEqual({ status: 400, fields: ['series.minutes'] });
  });
});
