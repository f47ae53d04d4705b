import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsNamed, jsonRequest, SUBSCRIPTION, startSecurityStack, type RawAnswer, type SecurityStack } from './support/securityStack';

const CLUSTER = `subscriptions/${SUBSCRIPTION}/resourceGroups/rg-fuzz/clusters/fuzz`;
const RUNS = 8;

/** Lengths around every bound, any unicode, control characters, and the keys prototype pollution uses. */
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)), maxLength: 8 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', '..', '/', '%2F', '', ' ', '\u2028', '\ud800', 'Standard_*'),
  fc.integer({ min: 0, max: 3 }).chain((power) => fc.constant('a'.repeat([63, 64, 257, 4096][power]!))),
);

type Body = Record<string, any>;

function baseCluster(): Body {
  return { location: 'eastus', tags: { env: 'test' }, nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 1 }] };
}

function basePool(): Body {
  return { vmSize: 'Standard_D4s_v5', count: 1, labels: { tier: 'batch' }, taints: ['sku=batch:NoSchedule'] };
}

function baseBinding(): Body {
  return { subject: { kind: 'user', id: '5ec00000-0000-4000-8000-0000000000ff' }, role: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}` };
}

/** Where a fuzzed string goes: a value at a path, or (for maps) a key. */
interface StringField {
  name: string;
  put(body: Body, value: string): void;
}

const atPath = (path: string): StringField => ({
  name: path,
  put(body, value) {
    const parts = path.split('.');
    let target: any = body;
    parts.slice(0, -1).forEach((part, index) => {
      target = target[part] ??= /^\d+$/.test(parts[index + 1]!) ? [] : {};
    });
    target[parts[parts.length - 1]!] = value;
  },
});
const asKeyOf = (path: string): StringField => ({
  name: path,
  put(body, value) {
    body[path] = { [value]: 'v' };
  },
});

const targets: { label: string; method: string; route: () => string; base: () => Body; fields: StringField[] }[] = [
  {
    label: 'cluster (PUT, dry run)',
    method: 'PUT',
    route: () => `${CLUSTER}?dryRun=true`,
    base: baseCluster,
    fields: [
      atPath('location'),
      atPath('kubernetesVersion'),
      atPath('dnsPrefix'),
      atPath('tier'),
      atPath('tags.env'),
      asKeyOf('tags'),
      atPath('network.subnetId'),
      atPath('network.podCidr'),
      atPath('network.dnsServiceIp'),
      atPath('monitoring.logAnalyticsWorkspaceId'),
      atPath('nodePools.0.name'),
      atPath('nodePools.0.vmSize'),
      atPath('nodePools.0.osSku'),
      atPath('nodePools.0.upgradeSettings.maxSurge'),
    ],
  },
  {
    label: 'node pool (PUT, dry run)',
    method: 'PUT',
    route: () => `${CLUSTER}/nodePools/batch?dryRun=true`,
    base: basePool,
    fields: [atPath('vmSize'), atPath('orchestratorVersion'), atPath('labels.tier'), asKeyOf('labels'), atPath('taints.0')],
  },
  {
    label: 'role binding (PUT)',
    method: 'PUT',
    route: () => 'roleBindings/fuzz',
    base: baseBinding,
    fields: [atPath('subject.id'), atPath('subject.kind'), atPath('subject.tenantId'), atPath('role'), atPath('scope')],
  },
  {
    label: 'guardrails (PUT)',
    method: 'PUT',
    route: () => 'guardrails',
    base: () => ({}),
    fields: [atPath('allowedLocations.0'), atPath('allowedVmSizes.0'), atPath('allowedKubernetesVersions.0'), atPath('requiredTags.0')],
  },
];

function pathOf(field: string): string {
  return field.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/** 400 must name the fuzzed field (or its map); anything else must be a deliberate answer, never a 5xx. */
function expectHandled(answer: RawAnswer, field: string): void {
  expect(answer.status, answer.text).toBeLessThan(500);
  if (answer.status === 400) {
    const named = fieldsNamed(answer);
    const fieldPath = pathOf(field);
    const map = fieldPath.split('.')[0]!;
    expect(named.some((path) => path === fieldPath || path.startsWith(`${fieldPath}`) || path.startsWith(`${map}.`) || path === map || path === ''), `${field}: ${answer.text}`).toBe(true);
  } else {
    expect([200, 201, 404, 409]).toContain(answer.status);
  }
}

describe('every string field of the write bodies, fuzzed through the local host (§5.8 I5, I6)', () => {
  let stack: SecurityStack;

  beforeAll(async () => {
    stack = await startSecurityStack();
    const created = await jsonRequest(stack, 'PUT', CLUSTER, baseCluster());
    expect(created.status).toBe(202);
    stack.emulator.advanceClock(3_600);
  });
  afterAll(() => stack?.stop());

  for (const target of targets) {
    it.each(target.fields.map((field) => [field.name, field] as const))(`${target.label}: %s → 400 naming the field, or accepted; never 5xx`, async (_name, field) => {
      await fc.assert(
        fc.asyncProperty(hostileString, async (value) => {
          const body = target.base();
          field.put(body, value);
          expectHandled(await jsonRequest(stack, target.method, target.route(), body), field.name);
        }),
        { numRuns: RUNS },
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('leaves the host answering normally afterwards', async () => {
    expect((await jsonRequest(stack, 'GET', 'whoami')).status).toBe(200);
  });
});
