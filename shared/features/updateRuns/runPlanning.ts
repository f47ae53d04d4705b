import {
  assignMembers,
  consistentNodeImages,
  estimateMakespan,
  preflightMember,
  stepSeconds,
  type EstimatedStage,
  type MemberPlan,
  type PreflightProblem,
  type StepWork,
} from '../../domain/updateRuns';
import { orderMembersByWindow, resolveMaxAllowedFailures, resolveMaxConcurrency } from '../../domain/upgrades';
import type { MemberRead } from './memberFactsReader';
import { gateIdOf, type GateDefinition, type GatePlacement, type GateState } from './updateRunGates';
import { MAX_MEMBER_PROBLEMS, withEvent, type MakespanEstimate, type RunMember, type RunStage, type UpdateRun } from './updateRunDocument';
import { DEFAULT_STRATEGY, type CreateUpdateRunRequest, type StrategyRequest } from './updateRunRequest';

export interface PlanInput {
  id: string;
  request: CreateUpdateRunRequest;
  createdBy: string;
  createdAt: string;
  now: string;
  members: readonly MemberRead[];
}

interface PlannedMember {
  read: MemberRead;
  plan: MemberPlan;
  place?: { stage: string; group: string };
}

/** Kept first when a member has more problems than the document holds. */
const SEVERITY_ORDER: readonly PreflightProblem['severity'][] = ['Blocking', 'Warning', 'NotChecked'];

const NOT_IN_ANY_GROUP: PreflightProblem = {
  check: 'membership',
  severity: 'Blocking',
  code: 'MEMBER_NOT_IN_ANY_GROUP',
  message: 'No group of the strategy takes this cluster: add it to a group, or a group without a member selection.',
};

/** The run as planned now: members placed, ordered and preflighted, stages and gates laid out, the makespan estimated. */
export function planRun(input: PlanInput): UpdateRun {
  const strategy = input.request.strategy ?? DEFAULT_STRATEGY;
  const selection = consistentSelectionOf(input);
  const planned = placeMembers(input, strategy, selection);
  const ordered = strategy.stages.flatMap((stage) => stage.groups.flatMap((group) => orderGroup(planned, stage.name, group.name, input.now)));
  const unplaced = planned.filter((member) => !member.place);
  const members = [...ordered, ...unplaced].map((member) => runMemberOf(member));
  const stages = stagesOf(strategy, planned);
  const resolved = planned.flatMap((member) => (member.plan.resolvedTarget ? [member.plan.resolvedTarget] : [])).sort(compareVersions);
  const run: UpdateRun = {
    ...newRun(input, strategy, stages, members),
    ...(resolved.length > 0 ? { resolvedVersion: resolved[resolved.length - 1] } : {}),
    ...(selection ? { selectedNodeImageVersions: selection } : {}),
    plannedAt: input.now,
    estimate: estimateOf(strategy, stages, ordered, input.now),
  };
  return withEvent(run, { at: input.createdAt, kind: 'Created', message: `Planned ${members.length} member(s) in ${stages.length} stage(s).`, by: input.createdBy });
}

export interface UnplannedInput {
  id: string;
  request: CreateUpdateRunRequest;
  createdBy: string;
  createdAt: string;
  clusterIds: readonly string[];
}

/**
 * The run before its first preflight: the members listed (not read, not placed: no stage, group or steps yet), the
 * stages and gates laid out, no estimate. The preflight replaces it with `planRun`'s plan.
 */
export function unplannedRun(input: UnplannedInput): UpdateRun {
  const strategy = input.request.strategy ?? DEFAULT_STRATEGY;
  const members = input.clusterIds.map((clusterId) => unplannedMember(clusterId));
  const run = newRun(input, strategy, stagesOf(strategy, []), members);
  return withEvent(run, { at: input.createdAt, kind: 'Created', message: `Created with ${members.length} member(s); the preflight is queued.`, by: input.createdBy });
}

/** A NotStarted run of the request with these stages and members, the strategy's gates and no event yet. */
function newRun(input: Pick<UnplannedInput, 'id' | 'request' | 'createdBy' | 'createdAt'>, strategy: StrategyRequest, stages: RunStage[], members: RunMember[]): UpdateRun {
  return {
    id: input.id,
    ...(input.request.name ? { name: input.request.name } : {}),
    request: input.request,
    status: 'NotStarted',
    createdAt: input.createdAt,
    createdBy: input.createdBy,
    stages,
    gates: gatesOf(strategy),
    members,
    events: [],
    eventsDropped: 0,
  };
}

/** A member known by its id only (what member resolution gives, without live reads). */
export function unplannedMember(clusterId: string): RunMember {
  return { clusterId, name: clusterId.split('/').at(-1) ?? clusterId, stage: '', group: '', status: 'NotStarted', steps: [], currentStep: 0, failures: [], problems: [] };
}

function placeMembers(input: PlanInput, strategy: StrategyRequest, consistent: Record<string, string> | undefined): PlannedMember[] {
  const assignment = assignMembers(
    strategy.stages,
    input.members.map((member) => ({ clusterId: member.facts.clusterId, tags: member.tags })),
  );
  const target = {
    upgradeType: input.request.upgradeType,
    ...(input.request.kubernetesVersion ? { kubernetesVersion: input.request.kubernetesVersion } : {}),
    ...(consistent ? { consistentNodeImages: consistent } : {}),
  };
  return input.members.map((read) => {
    const plan = preflightMember(read.facts, target, input.now);
    const place = assignment.placeOf.get(read.facts.clusterId.toLowerCase());
    return place ? { read, plan, place } : { read, plan: { ...plan, problems: [...plan.problems, NOT_IN_ANY_GROUP] } };
  });
}

/** Consistent node images: per family, the oldest of the latest images the members' pools are offered (read now). */
function consistentSelectionOf(input: PlanInput): Record<string, string> | undefined {
  if (input.request.upgradeType !== 'NodeImageOnly' || input.request.nodeImageSelection !== 'Consistent') return undefined;
  return consistentNodeImages(input.members.flatMap((member) => member.facts.pools.flatMap((pool) => (pool.latestNodeImageVersion.checked ? [pool.latestNodeImageVersion.value] : []))));
}

/** A group's members: open windows first, then opening within 4 hours, then without a window, then closed. */
function orderGroup(planned: readonly PlannedMember[], stage: string, group: string, now: string): PlannedMember[] {
  const inGroup = planned.filter((member) => member.place?.stage === stage && member.place.group === group);
  const windowOf = (member: PlannedMember) => (member.read.facts.maintenanceWindow.checked ? member.read.facts.maintenanceWindow.value : null);
  const order = orderMembersByWindow({ now, members: inGroup.map((member) => ({ name: member.read.facts.clusterId, maintenanceWindow: windowOf(member) })) });
  return order.flatMap((id) => inGroup.filter((member) => member.read.facts.clusterId === id));
}

function runMemberOf({ read, plan, place }: PlannedMember): RunMember {
  const { facts } = read;
  return {
    clusterId: facts.clusterId,
    name: facts.name,
    ...(facts.location ? { location: facts.location } : {}),
    stage: place?.stage ?? '',
    group: place?.group ?? '',
    status: 'NotStarted',
    ...(read.workspaceResourceId ? { workspaceResourceId: read.workspaceResourceId } : {}),
    ...(facts.pools.length > 0 ? { poolNodeCounts: Object.fromEntries(facts.pools.map((pool) => [pool.name, pool.count])) } : {}),
    ...(facts.versions ? { from: { controlPlane: facts.versions.controlPlane, nodePools: facts.versions.nodePools } } : {}),
    steps: plan.steps.map((step, index) => ({ ...step, status: 'Pending' as const, ...estimatedSecondsOf(plan.work[index]) })),
    currentStep: 0,
    ...(plan.window ? { window: plan.window } : {}),
    estimatedMinutes: Math.round((plan.upgradeSeconds / 60) * 10) / 10,
    failures: [],
    problems: [...plan.problems].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)).slice(0, MAX_MEMBER_PROBLEMS),
  };
}

/** A step's own estimate, so the engine can tell a running member's ETA from the steps left. */
function estimatedSecondsOf(work: StepWork | undefined): { estimatedSeconds?: number } {
  return work ? { estimatedSeconds: stepSeconds(work) } : {};
}

function countOrPercent(value: number | string | undefined): string | null {
  return value === undefined ? null : String(value);
}

function stagesOf(strategy: StrategyRequest, planned: readonly PlannedMember[]): RunStage[] {
  return strategy.stages.map((stage) => ({
    name: stage.name,
    status: 'NotStarted',
    maxConcurrency: resolveMaxConcurrency({ value: countOrPercent(stage.maxConcurrency), members: stage.groups.length, level: 'stage' }),
    afterStageWaitInSeconds: stage.afterStageWaitInSeconds,
    groups: stage.groups.map((group) => {
      const size = planned.filter((member) => member.place?.stage === stage.name && member.place.group === group.name).length;
      return {
        name: group.name,
        status: 'NotStarted' as const,
        maxConcurrency: resolveMaxConcurrency({ value: countOrPercent(group.maxConcurrency), members: size, level: 'group' }),
        maxAllowedFailures: resolveMaxAllowedFailures({ value: countOrPercent(group.maxAllowedFailures), members: size }),
        failureCount: 0,
      };
    }),
  }));
}

function gatesOf(strategy: StrategyRequest): GateState[] {
  const gates: GateState[] = [];
  const add = (definitions: readonly GateDefinition[], placement: GatePlacement) =>
    definitions.forEach((definition, index) => gates.push({ id: gateIdOf(placement, index), placement, definition, status: 'Pending', observations: [] }));
  for (const stage of strategy.stages) {
    add(stage.beforeGates, { stage: stage.name, position: 'before' });
    for (const group of stage.groups) {
      add(group.beforeGates, { stage: stage.name, group: group.name, position: 'before' });
      add(group.afterGates, { stage: stage.name, group: group.name, position: 'after' });
    }
    add(stage.afterGates, { stage: stage.name, position: 'after' });
  }
  return gates;
}

const healthSoakSeconds = (gates: readonly GateDefinition[]) => gates.reduce((total, gate) => total + (gate.type === 'Health' ? gate.soakSeconds : 0), 0);

function estimateOf(strategy: StrategyRequest, stages: readonly RunStage[], ordered: readonly PlannedMember[], now: string): MakespanEstimate {
  const nowMs = Date.parse(now);
  const notBefore = (member: PlannedMember) => {
    const window = member.plan.window;
    if (!window?.hasWindow || window.open || !window.opensAt) return 0;
    return Math.max(0, (Date.parse(window.opensAt) - nowMs) / 1000);
  };
  const estimated: EstimatedStage[] = strategy.stages.map((stage, s) => ({
    name: stage.name,
    maxConcurrency: stages[s]?.maxConcurrency ?? 1,
    afterStageWaitSeconds: stage.afterStageWaitInSeconds,
    gateSeconds: healthSoakSeconds([...stage.beforeGates, ...stage.afterGates]),
    groups: stage.groups.map((group, g) => ({
      maxConcurrency: stages[s]?.groups[g]?.maxConcurrency ?? 1,
      gateSeconds: healthSoakSeconds([...group.beforeGates, ...group.afterGates]),
      members: ordered
        .filter((member) => member.place?.stage === stage.name && member.place.group === group.name)
        .map((member) => ({ seconds: member.plan.upgradeSeconds, notBeforeSeconds: notBefore(member) })),
    })),
  }));
  const gates = strategy.stages.flatMap((stage) => [...stage.beforeGates, ...stage.afterGates, ...stage.groups.flatMap((group) => [...group.beforeGates, ...group.afterGates])]);
  const assumptions = [
    ...(gates.some((gate) => gate.type === 'Approval') ? ['Approval gates are counted as approved at once.'] : []),
    ...(gates.some((gate) => gate.type === 'ScheduledStart') ? ['Scheduled-start gates are counted as open at once.'] : []),
    'Windows are taken as they are now; a member that does not finish inside its window is not delayed further.',
  ];
  return { ...estimateMakespan(estimated), assumptions };
}

function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
