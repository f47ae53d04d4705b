import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { ArmClients } from '../../../shared/platform/arm/armClients';
import { allow, type AccessDecision } from '../../../shared/domain/access/decision';
import { ForbiddenError, type FieldIssue } from '../../../shared/domain/errors';
import { IdempotencyStore } from '../../../shared/features/idempotency/idempotencyStore';
import { ArmOperationRunner } from '../../../shared/features/operations/armOperationRunner';
import { OperationStore } from '../../../shared/features/operations/operationStore';
import type { ClusterSpec } from '../../../shared/domain/fleet/clusterSpec';
import { buildClusterDependencies, type ClusterDependencies } from '../../../shared/features/clusters/clusterDependencies';
import type { ClusterAddress } from '../../../shared/domain/fleet/clusterAddress';
import type { Authorize, WriteContext } from '../../../shared/platform/http/requestContext';
import { GuardrailsStore } from '../../../shared/features/guardrails/guardrailsStore';
import { StorageAccount } from '../../../shared/platform/storage/storageAccount';
import { SUB } from '../../emulator/harness';
import { testSettings } from '../../support/storage';

export const WINDOWS_PASSWORD = 'Fl33tpl4ne-Test-Secret!';

/** Cluster use cases over a fresh table prefix in Azurite and the given emulator, ARM retries off. */
export function clusterTestBed(emulator: RunningAksEmulator, options: { windowsCredentials?: boolean } = {}): ClusterDependencies {
  const settings = testSettings({ FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl, FLEETPLANE_MODE: 'local', FLEETPLANE_ARM_CREDENTIAL: 'emulator' });
  const storage = new StorageAccount(settings);
  const table = (name: string) => storage.tableClient(`${settings.FLEETPLANE_TABLE_PREFIX}${name}`);
  const arm = new ArmClients(settings, { maxRetries: 0 });
  const operationStore = new OperationStore(table('operations'));
  const deps = buildClusterDependencies(
    { settings, arm, operationStore, operations: new ArmOperationRunner(operationStore, arm), idempotency: new IdempotencyStore(table('idempotency')) },
    new GuardrailsStore(table('guardrails')),
  );
  const withCredentials = options.windowsCredentials ?? true;
  return { ...deps, windowsCredentials: () => (withCredentials ? { username: 'fleetadmin', password: WINDOWS_PASSWORD } : undefined) };
}

/** Records every access check; `deny` lists `resource.verb` pairs to refuse. */
export function recordingAuthorize(deny: string[] = []): Authorize & { checks: string[] } {
  const checks: string[] = [];
  const authorize = (resource: string, verb: string, scope: string) => {
    checks.push(`${resource}.${verb}@${scope}`);
    if (deny.includes(`${resource}.${verb}`)) return Promise.reject(new ForbiddenError(`Not allowed: ${resource}.${verb}`));
    return Promise.resolve({ allowed: true });
  };
  return Object.assign(authorize, { checks });
}

/** As the HTTP pipeline enforces: a denial throws ForbiddenError with the fields it concerns. */
export function enforceDecision(decision: AccessDecision, _permission: string, _target: string, issues?: FieldIssue[]): AccessDecision {
  if (!decision.allowed) throw new ForbiddenError(`Not allowed: ${decision.reason}`, issues);
  return decision;
}

let requestCounter = 0;

export function writeContext(overrides: Partial<WriteContext> = {}): WriteContext {
  requestCounter += 1;
  return {
    authorize: recordingAuthorize(),
    caller: { tenantId: 'tenant-1', objectId: 'user-1' },
    correlationId: `it-${requestCounter}`,
    operationUrl: (id) => `http://127.0.0.1/api/operations/${id}`,
    requestHash: `hash-${requestCounter}`,
    decide: () => Promise.resolve(allow('test caller', 'test-binding', 'Owner')),
    enforce: enforceDecision,
    ...overrides,
  };
}

export function address(clusterName: string, resourceGroup = 'rg-fleet'): ClusterAddress {
  return { subscriptionId: SUB, resourceGroup, clusterName };
}

/** System + Windows + GPU (Spot, autoscaled) + confidential pools, as in docs/cluster-spec.md. */
export function fourPoolSpec(overrides: Partial<ClusterSpec> = {}): ClusterSpec {
  return {
    location: 'eastus',
    kubernetesVersion: '1.36',
    tags: { costCenter: 'cc-42', env: 'test' },
    tier: 'Standard',
    entraId: { adminGroupObjectIds: ['6f1c2a8e-1d4b-4a8e-9a55-0c1b2d3e4f50'], azureRbac: true },
    network: { plugin: 'azureOverlay', policy: 'cilium' },
    autoUpgrade: { channel: 'stable', nodeOsChannel: 'NodeImage' },
    nodePools: [
      { name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3, availabilityZones: ['1', '2', '3'] },
      { name: 'win', mode: 'User', vmSize: 'Standard_D4s_v5', osType: 'Windows', osSku: 'Windows2022', count: 2 },
      {
        name: 'gpu',
        mode: 'User',
        vmSize: 'Standard_NC6s_v3',
        count: 1,
        autoscaler: { minCount: 0, maxCount: 4 },
        spot: { evictionPolicy: 'Delete', maxPrice: -1 },
        labels: { workload: 'ml' },
        taints: ['sku=gpu:NoSchedule'],
      },
      {
        name: 'conf',
        mode: 'User',
        vmSize: 'Standard_DC4s_v3',
        count: 2,
        upgradeSettings: { maxSurge: '33%', drainTimeoutMinutes: 45, soakMinutes: 5 },
      },
    ],
    ...overrides,
  };
}

export function operationIdOf(response: { headers: Record<string, string> }): string {
  const location = response.headers['operation-location'];
  if (!location) throw new Error('no Operation-Location');
  return location.split('/').pop()!;
}
