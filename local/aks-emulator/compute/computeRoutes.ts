import { ArmError } from '../errors';
import type { ArmContext } from '../http/armRoutes';
import type { Router } from '../http/router';
import { vcpuUsagesOf } from './computeUsages';
import { locationOfFilter, vmSkusOf } from './resourceSkus';

/** The api-versions of Microsoft.Compute the emulator accepts for these two reads. */
export const RESOURCE_SKUS_API_VERSIONS = ['2019-04-01', '2021-07-01'] as const;
export const USAGES_API_VERSIONS = ['2023-09-01', '2024-03-01', '2024-07-01', '2024-11-01', '2025-04-01', '2026-04-01'] as const;

const S = '/subscriptions/{sub}';

/**
 * What a preflight asks Compute before a cluster or pool write: the VM sizes of a region (with zones and
 * restrictions) and the subscription's vCPU usage against its quota (settable with `PUT /_emulator/quotas`).
 */
export function addComputeRoutes(router: Router<ArmContext>): void {
  router.add(
    'GET',
    `${S}/providers/Microsoft.Compute/skus`,
    'resourceSkus.list',
    (r) => {
      const location = locationOfFilter(r.query.get('$filter'));
      if (location instanceof Error) throw new ArmError(400, 'InvalidFilter', location.message);
      // One page, as Compute answers a location filter.
      return { status: 200, body: { value: vmSkusOf(location) } };
    },
    { apiVersions: RESOURCE_SKUS_API_VERSIONS },
  );
  router.add(
    'GET',
    `${S}/providers/Microsoft.Compute/locations/{location}/usages`,
    'usages.list',
    (r, c) => ({ status: 200, body: { value: vcpuUsagesOf(c.fleet, r.params['sub'] ?? '', (r.params['location'] ?? '').toLowerCase()) } }),
    { apiVersions: USAGES_API_VERSIONS },
  );
}
