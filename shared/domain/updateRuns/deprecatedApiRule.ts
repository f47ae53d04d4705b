import type { Checked, DeprecatedApiUse } from './memberFacts';
import type { PreflightProblem } from './preflightProblem';

/**
 * AKS blocks a minor upgrade when the cluster called, in the 12 hours before, an API that is deprecated or removed in
 * the target version (`UpgradeBlockedOnDeprecatedAPIUsage`; learn.microsoft.com/azure/aks/stop-cluster-upgrade-api-breaking-changes).
 * A deprecation is never undone, so every call the audit log marks deprecated is deprecated in any later target too.
 */
export function deprecatedApiProblems(use: Checked<DeprecatedApiUse[]>, target: string): PreflightProblem[] {
  if (!use.checked) {
    return [{ check: 'deprecatedApis', severity: 'NotChecked', code: 'DEPRECATED_APIS_UNKNOWN', message: `Deprecated API use was not checked: ${use.reason}`.slice(0, 400) }];
  }
  if (use.value.length === 0) return [];
  return [
    {
      check: 'deprecatedApis',
      severity: 'Blocking',
      code: 'DEPRECATED_API_USED',
      azureErrorCode: 'UpgradeBlockedOnDeprecatedAPIUsage',
      message: `Calls in the last 12 hours to APIs deprecated in Kubernetes ${target}: ${describe(use.value)}. Migrate the clients first.`.slice(0, 400),
    },
  ];
}

function describe(calls: readonly DeprecatedApiUse[]): string {
  return calls
    .map((call) => `${call.apiGroup ? `${call.apiGroup}/` : ''}${call.apiVersion} ${call.resource} (${call.calls} calls${call.removedRelease ? `, removed in ${call.removedRelease}` : ''})`)
    .join(', ');
}
