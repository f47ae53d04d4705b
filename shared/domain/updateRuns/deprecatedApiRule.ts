import type { Checked, DeprecatedApiUse } from './memberFacts';
import type { PreflightProblem } from './preflightProblem';

/**
 * AKS stops a minor upgrade when the cluster called, recently, an API that the target version no longer serves
 * (`UpgradeBlockedOnDeprecatedAPIUsage`). A call to a deprecated API removed only later is a warning.
 */
export function deprecatedApiProblems(use: Checked<DeprecatedApiUse[]>, target: string): PreflightProblem[] {
  if (!use.checked) {
    return [{ check: 'deprecatedApis', severity: 'NotChecked', code: 'DEPRECATED_APIS_UNKNOWN', message: `Deprecated API use was not checked: ${use.reason}`.slice(0, 600) }];
  }
  const removed = use.value.filter((call) => call.removedRelease !== undefined && compareMinors(call.removedRelease, target) <= 0);
  const later = use.value.filter((call) => !removed.includes(call));
  const problems: PreflightProblem[] = [];
  if (removed.length > 0) {
    problems.push({
      check: 'deprecatedApis',
      severity: 'Blocking',
      code: 'DEPRECATED_API_USED',
      azureErrorCode: 'UpgradeBlockedOnDeprecatedAPIUsage',
      message: `Recent calls to APIs removed in Kubernetes ${target} or earlier: ${describe(removed)}. Migrate the clients first.`.slice(0, 600),
    });
  }
  if (later.length > 0) {
    problems.push({
      check: 'deprecatedApis',
      severity: 'Warning',
      code: 'DEPRECATED_API_USED_LATER_REMOVAL',
      message: `Recent calls to deprecated APIs still served by ${target}: ${describe(later)}.`.slice(0, 600),
    });
  }
  return problems;
}

function describe(calls: readonly DeprecatedApiUse[]): string {
  return calls
    .map((call) => `${call.apiGroup ? `${call.apiGroup}/` : ''}${call.apiVersion} ${call.resource} (${call.calls} calls${call.removedRelease ? `, removed in ${call.removedRelease}` : ''})`)
    .join(', ');
}

/** Compares the minors of two versions (x.y or x.y.z). */
function compareMinors(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}
