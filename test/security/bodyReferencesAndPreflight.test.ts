import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningAksEmulator } from '../../local/aks-emulator';
import { startDevIssuer, type RunningDevIssuer } from '../../local/dev-issuer';
import { startTestEmulator, SUB } from '../emulator/harness';
import { fourPoolSpec, WINDOWS_PASSWORD } from '../integration/clusters/clusterTestBed';
import { startLocalHost, type StartedHost } from '../support/localHost';
import { uniqueTablePrefix } from '../support/storage';

const AUDIENCE = 'api://fleetplane-security-e2e';
const SUB_B = '0b000000-0000-4000-8000-00000000000b';
const RG_A = `/subscriptions/${SUB}/resourceGroups/rg-a`;
const CLUSTERS_A = `subscriptions/${SUB}/resourceGroups/rg-a/clusters`;
const subnetIn = (subscription: string, resourceGroup: string) =>
  `/subscriptions/${subscription}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/virtualNetworks/vnet-shared/subnets/aks`;
const workspaceIn = (subscription: string, resourceGroup: string) =>
  `/subscriptions/${subscription}/resourceGroups/${resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/logs`;

/** A small Linux-only cluster (no Windows credentials or GPU quota involved). */
const smallSpec = (overrides: Record<string, unknown> = {}) => ({
  location: 'eastus',
  kubernetesVersion: '1.36',
  network: { plugin: 'azureOverlay' },
  nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 2 }],
  ...overrides,
});

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

describe('request bodies through the local host: referenced resources (confused deputy) and the dry-run preflight', () => {
  let issuer: RunningDevIssuer;
  let emulator: RunningAksEmulator;
  let host: StartedHost;
  let owner: string;
  let adminA: string;
  let operatorA: string;

  async function call(method: string, route: string, bearer: string, body?: unknown): Promise<Answer> {
    const response = await fetch(`${host.origin}/api/${route}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  const setGuardrails = async (rails: object) => expect((await call('PUT', 'guardrails', owner, rails)).status).toBe(200);

  async function auditOf(correlationId: string): Promise<any> {
    const page = await call('GET', `auditEvents?pageSize=200&from=${new Date(Date.now() - 600_000).toISOString()}`, owner);
    return (page.body.value as { correlationId: string }[]).find((event) => event.correlationId === correlationId);
  }

  beforeAll(async () => {
    issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-issuer-')) });
    emulator = await startTestEmulator({ speed: 0, demoFleet: false });
    host = await startLocalHost({
      env: {
        AzureWebJobsStorage: inject('storageConnectionString'),
        FLEETPLANE_TABLE_PREFIX: uniqueTablePrefix(),
        FLEETPLANE_DEV_ISSUER: issuer.issuerUrl,
        FLEETPLANE_AUTH_AUDIENCES: AUDIENCE,
        FLEETPLANE_AUTH_APP_ROLES_AT_TENANT_SCOPE: 'true',
        FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl,
        FLEETPLANE_ARM_CREDENTIAL: 'emulator',
        FLEETPLANE_SUBSCRIPTION_IDS: SUB,
        FLEETPLANE_WINDOWS_ADMIN_USERNAME: 'fleetadmin',
        FLEETPLANE_WINDOWS_ADMIN_PASSWORD: WINDOWS_PASSWORD,
        LOCAL_HOST_TIMERS: 'false',
      },
    });
    [owner, adminA, operatorA] = await Promise.all([
      issuer.signToken({ audience: AUDIENCE, role: 'Owner', oid: '5e000000-0000-4000-8000-000000000001' }),
      issuer.signToken({ audience: AUDIENCE, role: 'Admin', scope: RG_A, oid: '5e000000-0000-4000-8000-000000000002' }),
      issuer.signToken({ audience: AUDIENCE, role: 'Operator', scope: RG_A, oid: '5e000000-0000-4000-8000-000000000003' }),
    ]);
  });
  afterAll(async () => {
    await host?.stop();
    await emulator?.close();
    await issuer?.close();
  });

  describe('confused deputy (§5.8 R4, body half)', () => {
    it('an Operator of rg-a naming a subnet of another subscription: 403 naming the field, 0 ARM calls, an audited denial', async () => {
      await setGuardrails({});
      emulator.resetCounters();
      for (const route of [`${CLUSTERS_A}/deputy`, `${CLUSTERS_A}/deputy?dryRun=true`]) {
        const refused = await call('PUT', route, operatorA, smallSpec({ network: { plugin: 'azureOverlay', subnetId: subnetIn(SUB_B, 'rg-network') } }));
        expect(refused.status).toBe(403);
        expect(refused.headers.get('content-type')).toBe('application/problem+json');
        expect(refused.body.detail).toContain('network.subnetId');
        expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'network.subnetId', code: 'ReferencedResourceNotAllowed' })]);
        const audit = await auditOf(refused.headers.get('x-correlation-id')!);
        expect(audit).toMatchObject({ decision: 'denied', outcome: 'denied', status: 403, permission: 'clusters.get', target: `/subscriptions/${SUB_B}/resourceGroups/rg-network` });
        expect(audit.reason).toContain('network.subnetId');
      }
      expect(emulator.counters()).toEqual({});
    });

    it('case variants of the id and of rg-a itself get the same decision; every refused field is named at once', async () => {
      emulator.resetCounters();
      const variant = `/SUBSCRIPTIONS/${SUB_B.toUpperCase()}/resourcegroups/RG-NETWORK/providers/Microsoft.Network/virtualNetworks/v/subnets/s`;
      const refused = await call(
        'PUT',
        `${CLUSTERS_A}/deputy?dryRun=true`,
        operatorA,
        smallSpec({ network: { plugin: 'azureOverlay', subnetId: variant }, monitoring: { logAnalyticsWorkspaceId: workspaceIn(SUB_B, 'rg-mon') } }),
      );
      expect(refused.status).toBe(403);
      expect(refused.body.errors.map((error: { path: string }) => error.path)).toEqual(['network.subnetId', 'monitoring.logAnalyticsWorkspaceId']);
      // Inside the caller's own resource group, spelled in another case: allowed (the dry run then needs only update rights).
      const ownSubnet = subnetIn(SUB.toUpperCase(), 'RG-A').replace('resourceGroups', 'resourcegroups');
      const createdByAdmin = await call('PUT', `${CLUSTERS_A}/own?dryRun=true`, adminA, smallSpec({ network: { plugin: 'azureOverlay', subnetId: ownSubnet } }));
      expect(createdByAdmin.status).toBe(200);
      expect(emulator.counters()['managedClusters.createOrUpdate']).toBeUndefined();
    });

    it('a resource group the guardrails list as shared is accepted, for PUT and for PATCH', async () => {
      await setGuardrails({ sharedResourceScopes: [`/subscriptions/${SUB_B}/resourceGroups/rg-network`, `/subscriptions/${SUB_B}/resourceGroups/rg-mon`] });
      const created = await call('PUT', `${CLUSTERS_A}/shared`, adminA, smallSpec({ network: { plugin: 'azureOverlay', subnetId: subnetIn(SUB_B, 'rg-network') } }));
      expect(created.status).toBe(202);
      emulator.advanceClock(3_600);
      const patched = await call('PATCH', `${CLUSTERS_A}/shared?dryRun=true`, operatorA, { monitoring: { logAnalyticsWorkspaceId: workspaceIn(SUB_B, 'rg-mon') } });
      expect(patched.status).toBe(200);
      const elsewhere = await call('PATCH', `${CLUSTERS_A}/shared`, operatorA, { monitoring: { logAnalyticsWorkspaceId: workspaceIn(SUB_B, 'rg-other') } });
      expect(elsewhere.status).toBe(403);
      expect(elsewhere.body.errors).toEqual([expect.objectContaining({ path: 'monitoring.logAnalyticsWorkspaceId' })]);
      await setGuardrails({});
    });

    it('the guardrails API takes and shows sharedResourceScopes, bounded', async () => {
      expect((await call('PUT', 'guardrails', owner, { sharedResourceScopes: ['/subscriptions/not-a-guid'] })).status).toBe(400);
      const openapi = await fetch(`${host.origin}/api/openapi.json`).then((response) => response.json() as Promise<any>);
      expect(JSON.stringify(openapi)).toContain('sharedResourceScopes');
    });
  });

  describe('a dry run is a preflight', () => {
    it('the issue example: an unknown VM size and a version offered only under LTS are both refused, before ARM is asked to write', async () => {
      emulator.resetCounters();
      const spec = smallSpec({ kubernetesVersion: '1.33', nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_Nope_v9', count: 3 }] });
      const dryRun = await call('PUT', `${CLUSTERS_A}/preflight?dryRun=true`, owner, spec);
      expect(dryRun.status).toBe(400);
      expect(dryRun.body.errors.map((error: { code: string; path: string }) => `${error.code} ${error.path}`).sort()).toEqual([
        'KubernetesVersionNeedsLongTermSupport kubernetesVersion',
        'VmSizeNotAvailable nodePools[0].vmSize',
      ]);
      const real = await call('PUT', `${CLUSTERS_A}/preflight`, owner, spec);
      expect(real.status).toBe(400);
      expect(real.body.errors).toEqual(dryRun.body.errors);
      expect(emulator.counters()['managedClusters.createOrUpdate']).toBeUndefined();
    });

    it('quota and zones: all problems in one answer, with the guardrails\' own', async () => {
      // A region nothing has read yet: quotas are cached per process for 5 minutes.
      emulator.setQuota({ subscriptionId: SUB, location: 'northeurope', family: 'standardDSv5Family', limit: 8 });
      await setGuardrails({ requiredTags: ['owner'] });
      const spec = smallSpec({
        location: 'northeurope',
        nodePools: [
          { name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3 },
          { name: 'gpu', mode: 'User', vmSize: 'Standard_NC24ads_A100_v4', count: 0, availabilityZones: ['3'] },
        ],
      });
      const dryRun = await call('PUT', `${CLUSTERS_A}/quota?dryRun=true`, owner, spec);
      expect(dryRun.status).toBe(400);
      expect(dryRun.body.errors.map((error: { code: string; path: string }) => `${error.code} ${error.path}`).sort()).toEqual([
        'AvailabilityZoneNotAvailable nodePools[1].availabilityZones',
        'QuotaExceeded nodePools[0].count',
        'RequiredTagMissing tags.owner',
      ]);
      await setGuardrails({});
    });

    it('a node pool dry run checks its size, and its growth against the quota', async () => {
      emulator.setQuota({ subscriptionId: SUB, location: 'westus2', family: 'standardDSv5Family', limit: 24 });
      const created = await call('PUT', `${CLUSTERS_A}/pools`, owner, fourPoolSpec({ location: 'westus2' }));
      expect(created.body).toMatchObject({ status: 'InProgress' });
      emulator.advanceClock(3_600);
      const unknownSize = await call('PUT', `${CLUSTERS_A}/pools/nodePools/extra?dryRun=true`, owner, { vmSize: 'Standard_Nope_v9' });
      expect(unknownSize.status).toBe(400);
      expect(unknownSize.body.errors).toEqual([expect.objectContaining({ path: 'vmSize', code: 'VmSizeNotAvailable' })]);
      // system (3) + win (2) run 20 vCPUs of D4s_v5; 2 more nodes need 8 of the 4 left.
      const growth = await call('PATCH', `${CLUSTERS_A}/pools/nodePools/system?dryRun=true`, owner, { count: 5 });
      expect(growth.status).toBe(400);
      expect(growth.body.errors).toEqual([expect.objectContaining({ path: 'count', code: 'QuotaExceeded' })]);
      expect((await call('PATCH', `${CLUSTERS_A}/pools/nodePools/system?dryRun=true`, owner, { count: 4 })).status).toBe(200);
    });
  });
});
