import type { RunGateState, RunMemberState, RunState } from './runState';

/** The members a health gate checks: after a group or stage, its upgraded members; before one, every member upgraded so far. */
export function healthGateScope(run: RunState, gate: RunGateState): RunMemberState[] {
  const { stage, group, position } = gate.placement;
  const upgraded = run.members.filter((member) => member.status === 'Succeeded');
  if (position === 'after') return upgraded.filter((member) => member.stage === stage && (group === undefined || member.group === group));
  return upgraded;
}

export interface GateScope {
  gateId: string;
  clusterIds: string[];
}

export function activeHealthGateScopes(run: RunState): GateScope[] {
  return run.gates
    .filter((gate) => gate.definition.type === 'Health' && gate.status === 'Waiting')
    .map((gate) => ({ gateId: gate.id, clusterIds: healthGateScope(run, gate).map((member) => member.clusterId) }));
}

export function gatesAt(run: RunState, stage: string, group: string | undefined, position: 'before' | 'after'): RunGateState[] {
  return run.gates.filter(
    (gate) =>
      gate.placement.stage === stage &&
      gate.placement.position === position &&
      (group === undefined ? gate.placement.group === undefined : gate.placement.group === group),
  );
}
