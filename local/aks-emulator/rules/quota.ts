import { ArmError } from '../errors';

export interface QuotaCheck {
  location: string;
  family: string;
  limit: number;
  currentUsage: number;
  additionalRequired: number;
}

/** Compute-style vCPU quota check (per subscription, region and VM family). */
export function checkVcpuQuota(check: QuotaCheck): void {
  const needed = check.currentUsage + check.additionalRequired;
  if (check.additionalRequired <= 0 || needed <= check.limit) return;
  throw new ArmError(
    400,
    'QuotaExceeded',
    `Operation could not be completed as it results in exceeding approved ${check.family} Cores quota. Additional details - Deployment Model: Resource Manager, Location: ${check.location}, Current Limit: ${check.limit}, Current Usage: ${check.currentUsage}, Additional Required: ${check.additionalRequired}, (Minimum) New Limit Required: ${needed}. Submit a request for Quota increase at https://aka.ms/ProdportalCRP/#blade/Microsoft_Azure_Capacity/UsageAndQuota.ReactView by specifying parameters listed in the 'Details' section for deployment to succeed.`,
  );
}
