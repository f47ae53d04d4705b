/**
 * Where the emulated subscription may not deploy a VM size, as Compute's Resource SKUs API reports it:
 * a `Location` restriction refuses the region, a `Zone` restriction the listed zones. AKS refuses a pool on a
 * size restricted in its region (`rules/poolRules.ts`), so the preflight and the real PUT agree.
 */
export interface SkuRestriction {
  readonly vmSize: string;
  readonly location: string;
  readonly type: 'Location' | 'Zone';
  /** Zone restrictions only. */
  readonly zones?: readonly string[];
  readonly reasonCode: 'NotAvailableForSubscription' | 'QuotaId';
}

export const SKU_RESTRICTIONS: readonly SkuRestriction[] = [
  { vmSize: 'Standard_ND96asr_v4', location: 'westeurope', type: 'Location', reasonCode: 'NotAvailableForSubscription' },
  { vmSize: 'Standard_NC24ads_A100_v4', location: 'eastus', type: 'Zone', zones: ['3'], reasonCode: 'NotAvailableForSubscription' },
  { vmSize: 'Standard_NC24ads_A100_v4', location: 'northeurope', type: 'Zone', zones: ['3'], reasonCode: 'NotAvailableForSubscription' },
];

/** Every availability zone of every emulated region. */
export const REGION_ZONES: readonly string[] = ['1', '2', '3'];

export function restrictionsOf(vmSize: string, location: string): SkuRestriction[] {
  return SKU_RESTRICTIONS.filter(
    (restriction) => restriction.vmSize.toLowerCase() === vmSize.toLowerCase() && restriction.location === location.toLowerCase(),
  );
}

export function isRestrictedInLocation(vmSize: string, location: string): boolean {
  return restrictionsOf(vmSize, location).some((restriction) => restriction.type === 'Location');
}
