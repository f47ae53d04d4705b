/**
 * The expected duration of a run and the bound no schedule can beat. Stages run one after another; a stage runs
 * `maxConcurrency` groups at once, a group `maxConcurrency` members at once, each slot taking the next member as
 * soon as it is free (members in window order) but never before that member's window opens. Waits the run cannot
 * shorten (after-stage waits, health-gate soaks, scheduled starts) count in both numbers; approvals count as zero.
 */

export interface EstimatedMember {
  seconds: number;
  /** Seconds from the run's start until the member may start (its window opens); 0 when open or without window. */
  notBeforeSeconds: number;
}

export interface EstimatedGroup {
  maxConcurrency: number;
  /** In the order the group takes them. */
  members: EstimatedMember[];
  /** Seconds the group's own gates hold it regardless of its members (health soaks). */
  gateSeconds: number;
}

export interface EstimatedStage {
  name: string;
  maxConcurrency: number;
  groups: EstimatedGroup[];
  afterStageWaitSeconds: number;
  /** Seconds the stage's own gates hold it (health soaks; a scheduled start's wait, when known). */
  gateSeconds: number;
}

export interface RunEstimate {
  makespanMinutes: number;
  lowerBoundMinutes: number;
  perStage: { stage: string; minutes: number }[];
}

/** Greedy list scheduling on `slots` parallel slots; each job may not start before its release time. */
function listSchedule(jobs: readonly { seconds: number; releaseSeconds: number }[], slots: number, startSeconds: number): number {
  const free = Array.from({ length: Math.max(1, slots) }, () => startSeconds);
  let end = startSeconds;
  for (const job of jobs) {
    const slot = free.indexOf(Math.min(...free));
    const start = Math.max(free[slot] ?? startSeconds, job.releaseSeconds);
    free[slot] = start + job.seconds;
    end = Math.max(end, free[slot]);
  }
  return end;
}

function groupSeconds(group: EstimatedGroup, startSeconds: number): number {
  const jobs = group.members.map((member) => ({ seconds: member.seconds, releaseSeconds: member.notBeforeSeconds }));
  return listSchedule(jobs, group.maxConcurrency, startSeconds) - startSeconds + group.gateSeconds;
}

/** What a group needs at least: its longest member, and its total work spread over its slots. */
function groupLowerBound(group: EstimatedGroup): number {
  const longest = Math.max(0, ...group.members.map((member) => member.seconds));
  const total = group.members.reduce((sum, member) => sum + member.seconds, 0);
  return Math.max(longest, total / Math.max(1, group.maxConcurrency)) + group.gateSeconds;
}

function stageSeconds(stage: EstimatedStage, startSeconds: number): number {
  // A group's members are released relative to the run's start, so groups are scheduled on the absolute clock.
  const free = Array.from({ length: Math.max(1, stage.maxConcurrency) }, () => startSeconds + stage.gateSeconds);
  let end = startSeconds + stage.gateSeconds;
  for (const group of stage.groups) {
    const slot = free.indexOf(Math.min(...free));
    const groupStart = free[slot] ?? startSeconds;
    free[slot] = groupStart + groupSeconds(group, groupStart);
    end = Math.max(end, free[slot]);
  }
  return end - startSeconds + stage.afterStageWaitSeconds;
}

function stageLowerBound(stage: EstimatedStage): number {
  const bounds = stage.groups.map(groupLowerBound);
  const longest = Math.max(0, ...bounds);
  const total = bounds.reduce((sum, bound) => sum + bound, 0);
  return stage.gateSeconds + Math.max(longest, total / Math.max(1, stage.maxConcurrency)) + stage.afterStageWaitSeconds;
}

const minutes = (seconds: number) => Math.round((seconds / 60) * 10) / 10;

export function estimateMakespan(stages: readonly EstimatedStage[]): RunEstimate {
  let elapsed = 0;
  const perStage: { stage: string; minutes: number }[] = [];
  for (const stage of stages) {
    const seconds = stageSeconds(stage, elapsed);
    perStage.push({ stage: stage.name, minutes: minutes(seconds) });
    elapsed += seconds;
  }
  const lowerBound = stages.reduce((total, stage) => total + stageLowerBound(stage), 0);
  return { makespanMinutes: minutes(elapsed), lowerBoundMinutes: minutes(lowerBound), perStage };
}
