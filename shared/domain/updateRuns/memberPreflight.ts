import { maintenanceWindowOccurrences, planUpgrade, surgePlan, validateClusterVersions, type UpgradeErrorKind, type UpgradeRejection, type UpgradeStep } from '../upgrades';
import type { MemberFacts, PoolFacts } from './memberFacts';
import type { PreflightCheck, PreflightProblem } from './preflightProblem';
import { memberUpgradeSeconds, type PoolRoll, type StepWork, type UpgradeDurations } from './upgradeDurations';
import { deprecatedApiProblems } from './deprecatedApiRule';
import { disruptionBudgetProblems } from './disruptionBudgetRule';
import { subnetProblems } from './subnetCapacity';
import { compareNodeImages, nodeImageFamilyOf } from './nodeImageSelection';

export type RunUpgradeKind = 'Full' | 'ControlPlaneOnly' | 'NodeImageOnly';

export interface RunTarget {
  upgradeType: RunUpgradeKind;
  /** x.y.z or x.y; absent for NodeImageOnly. */
  kubernetesVersion?: string;
  /** NodeImageOnly with Consistent selection: per image family, the image every pool goes to (`consistentNodeImages`). */
  consistentNodeImages?: Record<string, string>;
}

/** One planned ARM operation: a planner hop, or the node-image upgrade of the listed pools (pool → image). */
export interface PlannedStep extends UpgradeStep {
  nodeImage?: boolean;
  /** The pools must end on exactly the listed images (Consistent): a newer one offered by then fails the step. */
  exactNodeImage?: boolean;
}

export interface PlannedWindow {
  hasWindow: boolean;
  open: boolean;
  opensAt?: string;
  closesAt?: string;
}

export interface MemberPlan {
  resolvedTarget?: string;
  steps: PlannedStep[];
  problems: PreflightProblem[];
  window?: PlannedWindow;
  /** This member's own upgrade time from the durations (0 when nothing to do or blocked before planning). */
  upgradeSeconds: number;
  /** The work of each step for the estimator. */
  work: StepWork[];
}

const SETTLED_STATES = ['Succeeded', 'Failed', 'Canceled'];

const CHECK_OF_ERROR: Partial<Record<UpgradeErrorKind, PreflightCheck>> = {
  VERSION_NOT_AVAILABLE: 'versionOffered',
  PREVIEW_NOT_ALLOWED: 'versionOffered',
  NODE_POOL_NEWER_THAN_CONTROL_PLANE: 'versionSkew',
  VERSION_SKEW_EXCEEDED: 'versionSkew',
  CONTROL_PLANE_ONLY_NOT_SUPPORTED_FOR_UNSUPPORTED_VERSION: 'supportPlan',
  CONTROL_PLANE_ONLY_WITH_AUTOUPGRADE: 'autoUpgradeChannel',
};

function problem(check: PreflightCheck, severity: PreflightProblem['severity'], code: string, message: string, extra: Partial<PreflightProblem> = {}): PreflightProblem {
  return { check, severity, code, message: message.slice(0, 400), ...extra };
}

function rejectionProblem(rejection: UpgradeRejection): PreflightProblem {
  return problem(CHECK_OF_ERROR[rejection.errorKind] ?? 'versionPath', 'Blocking', rejection.errorKind, rejection.message, {
    ...(rejection.azureErrorCode ? { azureErrorCode: rejection.azureErrorCode } : {}),
    ...(rejection.offendingPools?.length ? { pools: rejection.offendingPools.slice(0, 20) } : {}),
  });
}

/** Every problem of one member at once, and its plan when the version path exists. */
export function preflightMember(facts: MemberFacts, target: RunTarget, now: string, durations?: UpgradeDurations): MemberPlan {
  if (facts.unreadable !== undefined) {
    return { steps: [], work: [], upgradeSeconds: 0, problems: [problem('clusterReadable', 'Blocking', 'CLUSTER_NOT_READABLE', facts.unreadable)] };
  }
  const problems: PreflightProblem[] = [...clusterStateProblems(facts), ...autoUpgradeProblems(facts, target)];
  const planned = planSteps(facts, target);
  problems.push(...planned.problems);
  const movesMinor = planned.steps.some((step) => step.controlPlane !== undefined && minorOf(step.controlPlane) !== minorOf(facts.versions?.controlPlane ?? ''));
  if (movesMinor) problems.push(...deprecatedApiProblems(facts.deprecatedApiUse, planned.resolvedTarget ?? ''));
  const rolls = rollsOf(facts, planned.steps);
  problems.push(...rolls.problems, ...disruptionBudgetProblems(facts.podDisruptionBudgets, rolls.rolledPools), ...quotaProblems(facts, rolls.surgeByPool), ...subnetProblems(facts, rolls.surgeByPool));
  const window = windowOf(facts, now);
  problems.push(...window.problems);
  const work = planned.steps.map((step) => ({ controlPlane: step.controlPlane !== undefined, pools: rolls.rollsOf(step) }));
  return {
    ...(planned.resolvedTarget ? { resolvedTarget: planned.resolvedTarget } : {}),
    steps: planned.steps,
    problems,
    ...(window.window ? { window: window.window } : {}),
    work,
    upgradeSeconds: memberUpgradeSeconds(work, durations),
  };
}

function clusterStateProblems(facts: MemberFacts): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  if (facts.powerState === 'Stopped') {
    problems.push(problem('powerState', 'Blocking', 'CLUSTER_STOPPED', `Cluster ${facts.name} is stopped; AKS upgrades only a running cluster. Start it first.`));
  }
  if (facts.provisioningState && !SETTLED_STATES.includes(facts.provisioningState)) {
    problems.push(
      problem('operationInFlight', 'Blocking', 'OPERATION_IN_PROGRESS', `Cluster ${facts.name} is ${facts.provisioningState}: AKS refuses another operation while one is in progress.`, {
        azureErrorCode: 'OperationNotAllowed',
      }),
    );
  } else if (facts.fleetplaneOperationInFlight) {
    problems.push(
      problem('operationInFlight', 'Blocking', 'OPERATION_IN_PROGRESS', `Fleetplane operation ${facts.fleetplaneOperationInFlight} on ${facts.name} is not finished yet.`),
    );
  }
  if (facts.versions) {
    const current = validateClusterVersions(facts.versions);
    if (!current.ok) problems.push(rejectionProblem(current));
  }
  return problems;
}

/** An AKS auto-upgrade channel would move the cluster on its own schedule, against the run. */
function autoUpgradeProblems(facts: MemberFacts, target: RunTarget): PreflightProblem[] {
  const channel = facts.versions?.autoUpgradeChannel ?? 'none';
  if (channel === 'none') return [];
  const fightsVersions = channel !== 'node-image' && target.upgradeType !== 'NodeImageOnly';
  const fightsImages = channel === 'node-image' && target.upgradeType === 'NodeImageOnly';
  if (fightsVersions || fightsImages) {
    return [
      problem('autoUpgradeChannel', 'Blocking', 'AUTO_UPGRADE_CHANNEL_CONFLICT', `Auto-upgrade channel "${channel}" of ${facts.name} would upgrade it on its own schedule during the run; set it to "none" first.`),
    ];
  }
  return [problem('autoUpgradeChannel', 'Warning', 'AUTO_UPGRADE_CHANNEL_ACTIVE', `Auto-upgrade channel "${channel}" of ${facts.name} also reimages its nodes in its window.`)];
}

function planSteps(facts: MemberFacts, target: RunTarget): { steps: PlannedStep[]; resolvedTarget?: string; problems: PreflightProblem[] } {
  if (target.upgradeType === 'NodeImageOnly') return nodeImageSteps(facts, target.consistentNodeImages);
  if (!facts.versions) return { steps: [], problems: [] };
  if (!facts.versionCatalogue.checked) {
    return { steps: [], problems: [problem('versionOffered', 'Blocking', 'VERSION_CATALOGUE_UNREADABLE', `The Kubernetes versions of ${facts.location} could not be read: ${facts.versionCatalogue.reason}`)] };
  }
  const plan = planUpgrade(
    { catalog: facts.versionCatalogue.value, ...(facts.upgradeProfile === undefined ? {} : { upgradeProfile: facts.upgradeProfile }) },
    facts.versions,
    { target: target.kubernetesVersion ?? '', upgradeType: target.upgradeType },
  );
  if (!plan.ok) return { steps: [], problems: [rejectionProblem(plan)] };
  const problems =
    plan.steps.length === 0
      ? [problem('versionPath', 'Warning', 'ALREADY_AT_TARGET', `${facts.name} already runs ${plan.resolvedTarget}; nothing to do.`)]
      : [];
  return { steps: plan.steps, resolvedTarget: plan.resolvedTarget, problems };
}

function nodeImageSteps(facts: MemberFacts, consistent: Record<string, string> | undefined): { steps: PlannedStep[]; problems: PreflightProblem[] } {
  const problems: PreflightProblem[] = [];
  const images: Record<string, string> = {};
  for (const pool of facts.pools) {
    if (!pool.latestNodeImageVersion.checked) {
      problems.push(problem('nodeImage', 'NotChecked', 'NODE_IMAGE_UNKNOWN', `The latest node image of pool ${pool.name} could not be read: ${pool.latestNodeImageVersion.reason}`, { pools: [pool.name] }));
      continue;
    }
    const latest = pool.latestNodeImageVersion.value;
    const wanted = consistent?.[nodeImageFamilyOf(latest)] ?? latest;
    if (pool.nodeImageVersion !== undefined && nodeImageFamilyOf(pool.nodeImageVersion) === nodeImageFamilyOf(wanted) && compareNodeImages(pool.nodeImageVersion, wanted) >= 0) continue;
    if (compareNodeImages(latest, wanted) > 0) {
      problems.push(
        problem('nodeImage', 'Blocking', 'NODE_IMAGE_NOT_CONSISTENT', `Pool ${pool.name} is offered ${latest}, newer than ${wanted} that the run selected for every ${nodeImageFamilyOf(wanted)} pool: AKS upgrades a pool only to the newest image of its region, so it cannot match. Skip the member or plan with nodeImageSelection Latest.`, { pools: [pool.name] }),
      );
      continue;
    }
    images[pool.name] = wanted;
  }
  if (Object.keys(images).length === 0) {
    if (!problems.some((p) => p.severity === 'Blocking')) problems.push(problem('nodeImage', 'Warning', 'NODE_IMAGE_CURRENT', `Every pool of ${facts.name} already runs ${consistent ? 'the run\'s selected' : 'its latest'} node image.`));
    return { steps: [], problems };
  }
  // One ARM operation per pool: AKS upgrades node images pool by pool (`upgradeNodeImageVersion`).
  const steps = Object.entries(images).map(([pool, image]) => ({ nodeImage: true, ...(consistent ? { exactNodeImage: true } : {}), nodePools: { [pool]: image } }));
  return { steps, problems };
}

interface Rolls {
  problems: PreflightProblem[];
  /** The largest surge each pool adds (pools roll one after another, so one pool's surge at a time). */
  surgeByPool: Map<string, number>;
  /** Pools the run rolls (a stopped one only "on paper"). */
  rolledPools: PoolFacts[];
  rollsOf(step: PlannedStep): PoolRoll[];
}

/** The surge and batches of every pool a step rolls (stopped pools are upgraded "on paper": no nodes roll). */
function rollsOf(facts: MemberFacts, steps: readonly PlannedStep[]): Rolls {
  const problems: PreflightProblem[] = [];
  const surgeByPool = new Map<string, number>();
  const rollByPool = new Map<string, PoolRoll>();
  const rolled = new Set(steps.flatMap((step) => Object.keys(step.nodePools ?? {})));
  for (const pool of facts.pools.filter((candidate) => rolled.has(candidate.name))) {
    const surge = surgePlan(surgeInputOf(pool));
    if (!surge.ok) {
      problems.push(problem('upgradeSettings', 'Blocking', surge.errorKind, `Pool ${pool.name}: ${surge.message}`, { pools: [pool.name] }));
      continue;
    }
    const nodes = pool.powerState === 'Stopped' ? 0 : pool.count;
    surgeByPool.set(pool.name, nodes === 0 ? 0 : surge.surgeNodes);
    rollByPool.set(pool.name, { nodes, surgeNodes: surge.surgeNodes, unavailableNodes: surge.unavailableNodes, soakMinutes: pool.nodeSoakDurationInMinutes ?? 0 });
  }
  return {
    problems,
    surgeByPool,
    rolledPools: facts.pools.filter((pool) => rolled.has(pool.name)),
    rollsOf: (step) => Object.keys(step.nodePools ?? {}).flatMap((name) => {
      const roll = rollByPool.get(name);
      return roll ? [roll] : [];
    }),
  };
}

function surgeInputOf(pool: PoolFacts) {
  return {
    poolNodeCount: pool.count,
    mode: pool.mode,
    maxSurge: pool.maxSurge ?? null,
    maxUnavailable: pool.maxUnavailable ?? null,
    ...(pool.maxPods === undefined ? {} : { maxPods: pool.maxPods }),
    ...(pool.undrainableNodeBehavior ? { undrainableNodeBehavior: pool.undrainableNodeBehavior } : {}),
  };
}

/** Surge nodes need free vCPUs in the family's quota and the regional total (AKS fails the upgrade with QuotaExceeded). */
function quotaProblems(facts: MemberFacts, surgeByPool: ReadonlyMap<string, number>): PreflightProblem[] {
  const needy = facts.pools.filter((pool) => (surgeByPool.get(pool.name) ?? 0) > 0);
  if (needy.length === 0) return [];
  if (!facts.freeVcpus.checked) {
    return [problem('vcpuQuota', 'NotChecked', 'QUOTA_UNKNOWN', `The vCPU quotas of ${facts.location} could not be read: ${facts.freeVcpus.reason}`)];
  }
  const free = new Map(facts.freeVcpus.value.map((quota) => [quota.name.toLowerCase(), quota.free]));
  const problems: PreflightProblem[] = [];
  for (const pool of needy) {
    if (pool.vCpusPerNode === undefined) {
      problems.push(problem('vcpuQuota', 'NotChecked', 'VM_SIZE_UNKNOWN', `The vCPUs of ${pool.vmSize} (pool ${pool.name}) are not known in ${facts.location}.`, { pools: [pool.name] }));
      continue;
    }
    const needed = (surgeByPool.get(pool.name) ?? 0) * pool.vCpusPerNode;
    for (const quota of [pool.quotaFamily, 'cores']) {
      const available = quota === undefined ? undefined : free.get(quota.toLowerCase());
      if (available !== undefined && needed > available) {
        problems.push(
          problem('vcpuQuota', 'Blocking', 'QUOTA_EXCEEDED', `Pool ${pool.name}: ${surgeByPool.get(pool.name)} surge node(s) of ${pool.vmSize} need ${needed} vCPUs of ${quota} quota in ${facts.location}; ${available} are free.`, {
            azureErrorCode: 'QuotaExceeded',
            pools: [pool.name],
          }),
        );
        break;
      }
    }
  }
  return problems;
}

function windowOf(facts: MemberFacts, now: string): { window?: PlannedWindow; problems: PreflightProblem[] } {
  if (!facts.maintenanceWindow.checked) {
    return { problems: [problem('maintenanceWindow', 'NotChecked', 'WINDOW_UNKNOWN', `The maintenance configurations of ${facts.name} could not be read: ${facts.maintenanceWindow.reason}`)] };
  }
  if (facts.maintenanceWindow.value === null) return { window: { hasWindow: false, open: true }, problems: [] };
  const occurrences = maintenanceWindowOccurrences({ maintenanceWindow: facts.maintenanceWindow.value, now, count: 1 });
  if (!occurrences.ok) {
    const detail = occurrences.errors.map((error) => `${error.path}: ${error.message}`).join('; ');
    return { problems: [problem('maintenanceWindow', 'Warning', 'INVALID_MAINTENANCE_WINDOW', `The maintenance window of ${facts.name} is not valid (${detail}).`)] };
  }
  const interval = occurrences.current ?? occurrences.next[0];
  const window: PlannedWindow = { hasWindow: true, open: occurrences.open, ...(interval ? { opensAt: interval.start, closesAt: interval.end } : {}) };
  return { window, problems: [] };
}

function minorOf(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}
