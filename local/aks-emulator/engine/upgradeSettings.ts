/** Pure math for rolling upgrades (upgrades.md §1.2–1.3). */

export interface ResolvedUpgradeSettings {
  surge: number;
  maxUnavailable: number;
  drainTimeoutMinutes: number;
  soakMinutes: number;
  undrainableNodeBehavior: 'Schedule' | 'Cordon' | undefined;
}

/** "33%" of the pool rounds up; "5" is absolute; capped at the nodes still to upgrade. */
export function resolveCountOrPercent(value: string | undefined, poolSize: number, fallback: string): number {
  const text = (value ?? fallback).trim();
  const percent = /^(\d+)%$/.exec(text);
  const raw = percent ? Math.ceil((Number(percent[1]) * poolSize) / 100) : Number.parseInt(text, 10);
  if (!Number.isFinite(raw) || raw < 0) return 0;
  return Math.min(raw, poolSize);
}

export function resolveUpgradeSettings(settings: Record<string, unknown> | undefined, poolSize: number): ResolvedUpgradeSettings {
  const s = settings ?? {};
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
  const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  const maxUnavailable = resolveCountOrPercent(str(s['maxUnavailable']), poolSize, '0');
  const surgeDefault = maxUnavailable > 0 ? '0' : '10%';
  let surge = resolveCountOrPercent(str(s['maxSurge']), poolSize, surgeDefault);
  if (surge === 0 && maxUnavailable === 0 && poolSize > 0) surge = 1;
  const behavior = s['undrainableNodeBehavior'];
  return {
    surge,
    maxUnavailable,
    drainTimeoutMinutes: num(s['drainTimeoutInMinutes'], 30),
    soakMinutes: num(s['nodeSoakDurationInMinutes'], 0),
    undrainableNodeBehavior: behavior === 'Schedule' || behavior === 'Cordon' ? behavior : undefined,
  };
}

/** Nodes upgraded per batch: the surge count, or maxUnavailable for in-place upgrades. */
export function batchSize(settings: ResolvedUpgradeSettings): number {
  return Math.max(1, settings.surge > 0 ? settings.surge : settings.maxUnavailable);
}

export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
