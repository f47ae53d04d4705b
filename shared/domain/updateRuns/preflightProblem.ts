import { z } from 'zod';

/**
 * What the preflight checks per member. `Blocking` stops a start; `Warning` is shown and does not; `NotChecked`
 * says a check could not be made (no API exposes the fact, or the read failed), so nobody mistakes silence for a pass.
 */
export const PREFLIGHT_CHECKS = [
  'versionPath',
  'versionOffered',
  'supportPlan',
  'versionSkew',
  'powerState',
  'operationInFlight',
  'autoUpgradeChannel',
  'deprecatedApis',
  'podDisruptionBudgets',
  'vcpuQuota',
  'subnetIps',
  'nodeImage',
  'maintenanceWindow',
  'upgradeSettings',
  'membership',
  'clusterReadable',
] as const;
export type PreflightCheck = (typeof PREFLIGHT_CHECKS)[number];

export const PROBLEM_SEVERITIES = ['Blocking', 'Warning', 'NotChecked'] as const;
export type ProblemSeverity = (typeof PROBLEM_SEVERITIES)[number];

export const preflightProblemSchema = z.object({
  check: z.enum(PREFLIGHT_CHECKS),
  severity: z.enum(PROBLEM_SEVERITIES),
  /** A stable code: the planner's error kind, or this feature's own (e.g. `CLUSTER_STOPPED`). */
  code: z.string().max(80),
  message: z.string().max(400),
  /** AKS's own error code where AKS would refuse the request (e.g. `UpgradeBlockedOnDeprecatedAPIUsage`). */
  azureErrorCode: z.string().max(80).optional(),
  pools: z.array(z.string().max(64)).max(20).optional(),
});
export type PreflightProblem = z.infer<typeof preflightProblemSchema>;

export function isBlocking(problem: PreflightProblem): boolean {
  return problem.severity === 'Blocking';
}
