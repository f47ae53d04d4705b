import type { UpdateRun } from './updateRunDocument';

/**
 * A fresh plan with what people decided on the run before it: skipped members and groups, approved gates, the event
 * log, and what the plan does not know (dry run, preflight). Pure: a preflight that loses a write race applies it again.
 */
export function keepDecisions(previous: UpdateRun, replanned: UpdateRun): UpdateRun {
  const skipped = new Map(previous.members.filter((member) => member.status === 'Skipped').map((member) => [member.clusterId.toLowerCase(), member]));
  const approved = new Map(previous.gates.filter((gate) => gate.status === 'Approved').map((gate) => [gate.id, gate]));
  const skippedGroups = new Set(previous.stages.flatMap((stage) => stage.groups.filter((group) => group.status === 'Skipped').map((group) => `${stage.name}/${group.name}`)));
  return {
    ...replanned,
    ...(previous.dryRun ? { dryRun: previous.dryRun } : {}),
    ...(previous.preflight ? { preflight: previous.preflight } : {}),
    members: replanned.members.map((member) => {
      const before = skipped.get(member.clusterId.toLowerCase());
      const groupSkipped = skippedGroups.has(`${member.stage}/${member.group}`);
      return before || groupSkipped ? { ...member, status: 'Skipped' as const, statusReason: before?.statusReason ?? 'Its group was skipped.', steps: member.steps.map((step) => ({ ...step, status: 'Skipped' as const })) } : member;
    }),
    stages: replanned.stages.map((stage) => ({
      ...stage,
      groups: stage.groups.map((group) => (skippedGroups.has(`${stage.name}/${group.name}`) ? { ...group, status: 'Skipped' as const } : group)),
    })),
    gates: replanned.gates.map((gate) => approved.get(gate.id) ?? gate),
    events: previous.events,
    eventsDropped: previous.eventsDropped,
  };
}
