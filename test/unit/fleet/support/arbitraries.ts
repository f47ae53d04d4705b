import fc from 'fast-check';
import type { ClusterSpec } from '../../../../shared/domain/fleet/clusterSpec';
import type { NodePoolSpec } from '../../../../shared/domain/fleet/nodePoolSpec';
import { linuxOsSkus, windowsOsSkus } from '../../../../shared/domain/fleet/nodePoolSpec';

/** `[a-z][a-z0-9]{min,max}` — built from characters, much faster than fc.stringMatching. */
const lowerWord = (minRest: number, maxRest: number, extra = '') =>
  fc
    .tuple(
      fc.constantFrom(...'abcdefxyz'),
      fc.string({ unit: fc.constantFrom(...`abcxyz0189${extra}`), minLength: minRest, maxLength: maxRest }),
    )
    .map(([first, rest]) => first + rest);

const armId = (kind: string) =>
  lowerWord(2, 8).map((name) => `/subscriptions/0000/resourceGroups/rg/providers/${kind}/${name}`);
const minorVersion = fc.tuple(fc.integer({ min: 25, max: 40 })).map(([minor]) => `1.${minor}`);
const patchVersion = fc
  .tuple(fc.integer({ min: 25, max: 40 }), fc.integer({ min: 0, max: 12 }))
  .map(([minor, patch]) => `1.${minor}.${patch}`);
const version = fc.oneof(minorVersion, patchVersion);
const labelKey = lowerWord(0, 10, '.-');

const poolFields = fc.record(
  {
    mode: fc.constantFrom('System', 'User'),
    vmSize: fc.constantFrom(
      'Standard_D4s_v5',
      'Standard_NC6s_v3',
      'Standard_DC4s_v3',
      'Standard_EC4as_v5',
      'Standard_B2ms',
    ),
    count: fc.integer({ min: 0, max: 1000 }),
    orchestratorVersion: version,
    availabilityZones: fc.subarray(['1', '2', '3'] as const, { minLength: 1 }),
    spot: fc.record(
      { evictionPolicy: fc.constantFrom('Delete', 'Deallocate'), maxPrice: fc.constantFrom(-1, 0.5, 2) },
      { requiredKeys: [] },
    ),
    labels: fc.dictionary(labelKey, fc.string({ unit: fc.constantFrom(...'az09'), maxLength: 8 }), {
      maxKeys: 3,
    }),
    taints: fc.array(
      fc.constantFrom('sku=gpu:NoSchedule', 'dedicated:NoExecute', 'a.b/c=d:PreferNoSchedule'),
      { maxLength: 2 },
    ),
    autoscaler: fc.record({
      minCount: fc.integer({ min: 0, max: 5 }),
      maxCount: fc.integer({ min: 5, max: 100 }),
    }),
    upgradeSettings: fc.record(
      {
        maxSurge: fc.constantFrom('1', '33%', '10%', '100%'),
        drainTimeoutMinutes: fc.integer({ min: 1, max: 1440 }),
        soakMinutes: fc.integer({ min: 0, max: 30 }),
      },
      { requiredKeys: [] },
    ),
    maxPods: fc.integer({ min: 10, max: 250 }),
    osDiskSizeGB: fc.integer({ min: 30, max: 2048 }),
  },
  { requiredKeys: ['vmSize'] },
);

const osChoice = fc.oneof(
  fc.constant({}),
  fc.record(
    { osType: fc.constant('Linux' as const), osSku: fc.constantFrom(...linuxOsSkus) },
    { requiredKeys: ['osType'] },
  ),
  fc.record(
    { osType: fc.constant('Windows' as const), osSku: fc.constantFrom(...windowsOsSkus) },
    { requiredKeys: ['osType'] },
  ),
);

export const nodePoolSpecArbitrary = (name: string): fc.Arbitrary<NodePoolSpec> =>
  fc.tuple(poolFields, osChoice).map(([fields, os]) => ({ name, ...fields, ...os }));

const poolNames = fc.uniqueArray(lowerWord(0, 11), { minLength: 1, maxLength: 4 });

export const clusterSpecArbitrary: fc.Arbitrary<ClusterSpec> = poolNames.chain((names) =>
  fc.record(
    {
      location: fc.constantFrom('eastus', 'westeurope', 'swedencentral'),
      kubernetesVersion: version,
      tags: fc.dictionary(lowerWord(0, 8, 'ABZ'), fc.string({ maxLength: 10 }), { maxKeys: 3 }),
      dnsPrefix: lowerWord(2, 10),
      tier: fc.constantFrom('Free', 'Standard', 'Premium'),
      kubernetesRbac: fc.boolean(),
      entraId: fc.record(
        {
          adminGroupObjectIds: fc.array(fc.uuid({ version: 4 }), { maxLength: 2 }),
          azureRbac: fc.boolean(),
          tenantId: fc.uuid({ version: 4 }),
        },
        { requiredKeys: [] },
      ),
      monitoring: fc.record({ logAnalyticsWorkspaceId: armId('Microsoft.OperationalInsights/workspaces') }),
      network: fc.record(
        {
          plugin: fc.constantFrom('kubenet', 'azure', 'azureOverlay'),
          policy: fc.constantFrom('none', 'calico', 'azure', 'cilium'),
          subnetId: armId('Microsoft.Network/virtualNetworks/vnet/subnets'),
          podCidr: fc.constant('10.244.0.0/16'),
          serviceCidr: fc.constant('10.1.0.0/16'),
          dnsServiceIp: fc.constant('10.1.0.10'),
        },
        { requiredKeys: [] },
      ),
      webAppRouting: fc.record({ enabled: fc.boolean() }),
      autoUpgrade: fc.record(
        {
          channel: fc.constantFrom('none', 'patch', 'stable', 'rapid', 'node-image'),
          nodeOsChannel: fc.constantFrom('None', 'Unmanaged', 'NodeImage', 'SecurityPatch'),
        },
        { requiredKeys: [] },
      ),
      identity: fc.oneof(
        fc.constant({ type: 'SystemAssigned' as const }),
        armId('Microsoft.ManagedIdentity/userAssignedIdentities').map((id) => ({
          type: 'UserAssigned' as const,
          userAssignedIdentityId: id,
        })),
      ),
      nodePools: fc.tuple(...names.map((name) => nodePoolSpecArbitrary(name))),
    },
    { requiredKeys: ['location', 'nodePools'] },
  ),
);
