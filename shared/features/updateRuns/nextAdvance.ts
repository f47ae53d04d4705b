import type { RunState } from '../../domain/upgrades/run';

/**
 * When the run needs its next advance, in wall seconds (undefined: only an outside event moves it: an approval,
 * resume, or the end). Virtual waits (a window, a scheduled start, a stage's wait) are polled at most
 * `pollSeconds` apart, since the run's clock may run faster than the wall's.
 */
export function nextAdvanceDelay(run: RunState, now: Date, options: { pollSeconds: number; deferredActions: boolean }): number | undefined {
  if (run.status === 'Completed' || run.status === 'Failed' || run.status === 'Stopped' || run.status === 'NotStarted') return undefined;
  if (options.deferredActions) return 0;
  const inFlight = run.members.some((member) => member.status === 'Running');
  if (inFlight || run.status === 'Stopping') return options.pollSeconds;
  if (run.status !== 'Running') return undefined;
  const healthWaiting = run.gates.some((gate) => gate.status === 'Waiting' && gate.definition.type === 'Health');
  if (healthWaiting) return options.pollSeconds;
  const timed = [
    ...run.gates.filter((gate) => gate.status === 'Waiting' && gate.definition.type === 'ScheduledStart').map((gate) => gate.opensAt),
    ...run.members.filter((member) => member.status === 'Waiting').map((member) => member.window?.opensAt),
    ...run.stages.filter((stage) => stage.status === 'Running').map((stage) => stage.waitUntil),
  ].filter((time): time is string => time !== undefined);
  const approvalOnly = timed.length === 0 && run.gates.some((gate) => gate.status === 'Waiting' && gate.definition.type === 'Approval');
  if (approvalOnly) return undefined;
  if (timed.length === 0) return options.pollSeconds;
  const soonest = Math.min(...timed.map((time) => Date.parse(time)));
  return Math.min(options.pollSeconds, Math.max(1, Math.ceil((soonest - now.getTime()) / 1000)));
}
