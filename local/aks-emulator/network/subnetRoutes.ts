import { ArmError } from '../errors';
import type { ArmContext } from '../http/armRoutes';
import type { RequestContext, Router } from '../http/router';
import { requireBodyObject, without } from '../services/requestShapes';
import { renderSubnet, type SubnetState } from './subnetState';

/** The Microsoft.Network api-versions the emulator accepts for subnets (the SDK's default last). */
export const NETWORK_API_VERSIONS = ['2023-09-01', '2024-05-01', '2024-07-01', '2024-10-01', '2025-01-01', '2025-03-01', '2025-05-01', '2026-01-01'] as const;

const SUBNET = '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}';
const IPV4_PREFIX = /^(\d{1,3}\.){3}\d{1,3}\/(\d|[12]\d|3[0-2])$/;

/**
 * Just enough of Microsoft.Network for node-pool subnets: PUT a subnet (its virtual network is implied) and GET it,
 * with `ipConfigurations` listing the addresses the nodes of every pool whose `vnetSubnetID` names it take.
 */
export function addSubnetRoutes(router: Router<ArmContext>): void {
  router.add(
    'GET',
    SUBNET,
    'subnets.get',
    (r, c) => {
      const subnet = c.fleet.subnets.get(subnetIdOf(r).toLowerCase());
      if (!subnet) throw new ArmError(404, 'NotFound', `Resource ${subnetIdOf(r)} not found.`);
      return { status: 200, body: renderSubnet(c.fleet, subnet) };
    },
    { apiVersions: NETWORK_API_VERSIONS },
  );
  router.add(
    'PUT',
    SUBNET,
    'subnets.createOrUpdate',
    (r, c) => {
      const body = requireBodyObject(r.body);
      const properties = without(requireBodyObject(body['properties'] ?? {}), ['provisioningState', 'ipConfigurations']);
      const listed: unknown[] = Array.isArray(properties['addressPrefixes']) ? (properties['addressPrefixes'] as unknown[]) : [];
      const prefixes: unknown[] = [properties['addressPrefix'], ...listed].filter((p) => p !== undefined);
      if (prefixes.length === 0) throw new ArmError(400, 'InvalidRequestFormat', 'Subnet must have addressPrefix or addressPrefixes.', 'properties.addressPrefix');
      const bad = prefixes.find((prefix) => typeof prefix !== 'string' || !IPV4_PREFIX.test(prefix));
      if (bad !== undefined) throw new ArmError(400, 'InvalidAddressPrefixFormat', `Address prefix ${JSON.stringify(bad)} of resource ${subnetIdOf(r)} is not formatted correctly.`);
      const id = subnetIdOf(r);
      const existed = c.fleet.subnets.has(id.toLowerCase());
      const subnet: SubnetState = { id, name: r.params['subnet'] ?? '', properties, etag: `W/"${c.fleet.random.uuid()}"` };
      c.fleet.subnets.set(id.toLowerCase(), subnet);
      return { status: existed ? 200 : 201, body: renderSubnet(c.fleet, subnet) };
    },
    { apiVersions: NETWORK_API_VERSIONS },
  );
}

function subnetIdOf(r: RequestContext): string {
  const p = (key: string) => r.params[key] ?? '';
  return `/subscriptions/${p('sub')}/resourceGroups/${p('rg')}/providers/Microsoft.Network/virtualNetworks/${p('vnet')}/subnets/${p('subnet')}`;
}
