import type { RunMemberState, RunState, RunStep } from './runState';

export function isStepInFlight(step: RunStep): boolean {
  return step.status === 'Running';
}

export function membersOfGroup(run: RunState, stage: string, group: string): RunMemberState[] {
  return run.members.filter((member) => member.stage === stage && member.group === group);
}

/** Members that may start now or soon: not started yet (or waiting for their window) in a running group. */
export function membersToStart(run: RunState): RunMemberState[] {
  const runningGroups = new Set(
    run.stages.filter((stage) => stage.status === 'Running').flatMap((stage) => stage.groups.filter((group) => group.status === 'Running').map((group) => `${stage.name}\u0000${group.name}`)),
  );
  return run.members.filter(
    (member) => (member.status === 'NotStarted' || member.status === 'Waiting') && runningGroups.has(`${member.stage}\u0000${member.group}`),
  );
}

/** A member holds its cluster while one of its operations may still run: never two mutating operations on one cluster. */
export function hasOperationInFlight(member: RunMemberState): boolean {
  const step = member.steps[member.currentStep];
  return step !== undefined && isStepInFlight(step);
}
