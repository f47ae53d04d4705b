import type { AutoscaleDependencies } from './autoscaleDependencies';
import type { TickMessage } from './autoscaleMessages';
import type { ChainState } from './cycleChainStore';

export type TickOutcome = 'ran' | 'idle' | 'duplicate';
export type RepairOutcome = 'started' | 'restarted' | 'healthy' | 'idle';

/**
 * The cycle as one chain of delayed queue messages. A tick for cycle n runs only if it moves the chain row from
 * n to n+1 (ETag), so duplicates and racing hosts run each cycle once; the winner sends the tick for n+1 delayed by
 * the cycle period, then one message per subscription. With no enabled policy the chain goes idle and nothing
 * is sent: an idle app runs only the repair timer.
 */
export async function runTick(deps: AutoscaleDependencies, message: TickMessage): Promise<TickOutcome> {
  const stored = await deps.chain.read();
  if (!stored || stored.value.status !== 'running' || stored.value.nextCycle !== message.cycle) return 'duplicate';
  const enabled = await deps.policies.anyEnabled();
  const next: ChainState = { status: enabled ? 'running' : 'idle', nextCycle: message.cycle + 1, movedAt: new Date().toISOString() };
  if (!(await deps.chain.move(next, stored.etag))) return 'duplicate';
  if (!enabled) return 'idle';
  await deps.queue.send({ kind: 'tick', cycle: next.nextCycle }, { delaySeconds: deps.cycleSeconds });
  const at = (await deps.clock.now()).toISOString();
  await Promise.all(deps.subscriptions().map((subscriptionId) => deps.queue.send({ kind: 'subscription', cycle: message.cycle, subscriptionId, at })));
  return 'ran';
}

/**
 * The repair timer (and a newly enabled policy): starts an idle chain when a policy is enabled, and restarts one
 * whose tick was lost (no move for two periods and a minute). A restart sends the tick the row expects, so a late
 * original and the restart still run that cycle once.
 */
export async function ensureRunning(deps: AutoscaleDependencies): Promise<RepairOutcome> {
  const stored = await deps.chain.read();
  const state = stored?.value;
  const stale = state !== undefined && Date.now() - Date.parse(state.movedAt) > (2 * deps.cycleSeconds + 60) * 1000;
  if (state?.status === 'running' && !stale) return 'healthy';
  if (!(await deps.policies.anyEnabled())) return 'idle';
  const cycle = state?.nextCycle ?? 1;
  const moved = await deps.chain.move({ status: 'running', nextCycle: cycle, movedAt: new Date().toISOString() }, stored?.etag);
  if (!moved) return 'healthy';
  await deps.queue.send({ kind: 'tick', cycle });
  return state?.status === 'running' ? 'restarted' : 'started';
}
