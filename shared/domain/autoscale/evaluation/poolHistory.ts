import type { Recommendation, ScaleEvent } from '../types';
import type { PoolHistory } from './poolEvaluationTypes';

/** The longest any rule looks back: the stabilisation window's maximum (3600 s) bounds the stored log. */
export const HISTORY_RETENTION_SECONDS = 3600;

const ageOf = (at: string, nowMs: number) => Math.max(0, (nowMs - Date.parse(at)) / 1000);

function isValidTime(at: string): boolean {
  return !Number.isNaN(Date.parse(at));
}

export function recommendationsAt(history: PoolHistory, nowMs: number): Recommendation[] {
  return history.recommendations
    .filter((entry) => isValidTime(entry.at))
    .map((entry) => ({ replicas: entry.replicas, ageSeconds: ageOf(entry.at, nowMs) }));
}

export function scaleEventsAt(history: PoolHistory, nowMs: number): { up: ScaleEvent[]; down: ScaleEvent[] } {
  const events = history.scaleEvents
    .filter((event) => isValidTime(event.at))
    .map((event) => ({ replicaChange: event.change, ageSeconds: ageOf(event.at, nowMs) }));
  return {
    up: events.filter((event) => event.replicaChange > 0),
    down: events.filter((event) => event.replicaChange < 0).map((event) => ({ ...event, replicaChange: -event.replicaChange })),
  };
}

export function recommendationsToStore(recommendations: readonly Recommendation[], nowMs: number): PoolHistory['recommendations'] {
  return recommendations
    .filter((entry) => entry.ageSeconds <= HISTORY_RETENTION_SECONDS)
    .map((entry) => ({ replicas: entry.replicas, at: new Date(nowMs - entry.ageSeconds * 1000).toISOString() }));
}

function recentEvents(history: PoolHistory, nowMs: number): PoolHistory['scaleEvents'] {
  return history.scaleEvents.filter((event) => isValidTime(event.at) && ageOf(event.at, nowMs) <= HISTORY_RETENTION_SECONDS);
}

/**
 * The history after Fleetplane changed the pool's count (the cycle calls it once the write was submitted, so a
 * deferred or failed write never counts against the rate limits).
 */
export function recordScaleEvent(history: PoolHistory, change: { from: number; to: number; at: string }): PoolHistory {
  const nowMs = Date.parse(change.at);
  if (change.to === change.from) return history;
  return { ...history, scaleEvents: [...recentEvents(history, nowMs), { change: change.to - change.from, at: change.at }] };
}

export function keepRecentEvents(history: PoolHistory, nowMs: number): PoolHistory['scaleEvents'] {
  return recentEvents(history, nowMs);
}
