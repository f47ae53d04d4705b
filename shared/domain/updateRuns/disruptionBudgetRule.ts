import type { Checked, PodDisruptionBudgetFact, PoolFacts } from './memberFacts';
import type { PreflightProblem } from './preflightProblem';

/** How many PDBs one member lists before it says "and N more" (the run document keeps a bounded list). */
const LISTED_BUDGETS = 8;

/**
 * A PDB that allows no disruption and has pods on a pool the run rolls stops that pool's drain until
 * `drainTimeoutInMinutes`: AKS then fails the upgrade (`undrainableNodeBehavior` Schedule, the default) or
 * quarantines the node and goes on (Cordon), so the first blocks the run and the second is a warning.
 */
export function disruptionBudgetProblems(budgets: Checked<PodDisruptionBudgetFact[]> | undefined, rolledPools: readonly PoolFacts[]): PreflightProblem[] {
  if (rolledPools.length === 0) return [];
  // A stopped pool (or cluster) rolls "on paper" now, but its nodes drain once it runs again: unread is still unread.
  if (budgets === undefined) return [notChecked('the PodDisruptionBudgets were not read')];
  if (!budgets.checked) return [notChecked(budgets.reason)];
  const draining = rolledPools.filter((pool) => pool.powerState !== 'Stopped' && pool.count > 0);
  const byName = new Map(draining.map((pool) => [pool.name.toLowerCase(), pool]));
  const problems = budgets.value
    .filter((budget) => budget.disruptionsAllowed <= 0)
    .flatMap((budget) => problemsOf(budget, budget.pools.flatMap((name) => byName.get(name.toLowerCase()) ?? [])));
  const blockingFirst = [...problems.filter((p) => p.severity === 'Blocking'), ...problems.filter((p) => p.severity !== 'Blocking')];
  if (blockingFirst.length <= LISTED_BUDGETS) return blockingFirst;
  const rest = blockingFirst.slice(LISTED_BUDGETS);
  return [
    ...blockingFirst.slice(0, LISTED_BUDGETS),
    { check: 'podDisruptionBudgets', severity: rest.some((p) => p.severity === 'Blocking') ? 'Blocking' : 'Warning', code: 'PDB_BLOCKS_DRAIN', message: `${rest.length} more PodDisruptionBudget problem(s) of the same kind.` },
  ];
}

function problemsOf(budget: PodDisruptionBudgetFact, pools: readonly PoolFacts[]): PreflightProblem[] {
  const failing = pools.filter((pool) => pool.undrainableNodeBehavior !== 'Cordon');
  const cordoned = pools.filter((pool) => pool.undrainableNodeBehavior === 'Cordon');
  const name = `${budget.namespace}/${budget.name}`;
  const problems: PreflightProblem[] = [];
  if (failing.length > 0) {
    problems.push({
      check: 'podDisruptionBudgets',
      severity: 'Blocking',
      code: 'PDB_BLOCKS_DRAIN',
      message: `PodDisruptionBudget ${name} allows 0 disruptions and has pods on pool(s) ${names(failing)}: their drain would wait ${timeouts(failing)} and the upgrade fail. Relax the PDB, or set undrainableNodeBehavior to Cordon.`.slice(0, 400),
      pools: failing.slice(0, 20).map((pool) => pool.name),
    });
  }
  if (cordoned.length > 0) {
    problems.push({
      check: 'podDisruptionBudgets',
      severity: 'Warning',
      code: 'PDB_BLOCKS_DRAIN',
      message: `PodDisruptionBudget ${name} allows 0 disruptions and has pods on pool(s) ${names(cordoned)}: their nodes would be quarantined (undrainableNodeBehavior Cordon) and not upgraded.`.slice(0, 400),
      pools: cordoned.slice(0, 20).map((pool) => pool.name),
    });
  }
  return problems;
}

function notChecked(reason: string): PreflightProblem {
  return { check: 'podDisruptionBudgets', severity: 'NotChecked', code: 'PDB_NOT_READABLE', message: `PodDisruptionBudgets that would block drains were not checked: ${reason}`.slice(0, 400) };
}

function names(pools: readonly PoolFacts[]): string {
  return pools.map((pool) => pool.name).join(', ');
}

/** AKS's default drain timeout is 30 minutes. */
function timeouts(pools: readonly PoolFacts[]): string {
  const minutes = [...new Set(pools.map((pool) => pool.drainTimeoutInMinutes ?? 30))];
  return `${minutes.join('/')} minutes (drainTimeoutInMinutes)`;
}
