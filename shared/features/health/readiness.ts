import type { ReadinessCheck } from './health.api';
import { redact } from '../../platform/observability/redact';

export interface ReadinessProbe {
  name: string;
  target?: string;
  /** Resolves when the dependency answers; undefined `run` means it is not configured. */
  run?: (signal: AbortSignal) => Promise<void>;
}

/** Runs every probe in parallel, each bounded by the timeout, and reports latency and failures. */
export async function checkReadiness(
  probes: ReadinessProbe[],
  timeoutMs: number,
): Promise<Record<string, ReadinessCheck>> {
  const entries = await Promise.all(probes.map(async (probe) => [probe.name, await runProbe(probe, timeoutMs)] as const));
  return Object.fromEntries(entries);
}

async function runProbe(probe: ReadinessProbe, timeoutMs: number): Promise<ReadinessCheck> {
  const target = probe.target ? { target: probe.target } : {};
  if (!probe.run) return { status: 'notConfigured', ...target };
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    await Promise.race([
      probe.run(controller.signal),
      new Promise((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(new Error(`no answer within ${timeoutMs} ms`))),
      ),
    ]);
    return { status: 'ok', latencyMs: Math.round(performance.now() - started), ...target };
  } catch (error) {
    return {
      status: 'failed',
      latencyMs: Math.round(performance.now() - started),
      detail: redact(describeFailure(error)),
      ...target,
    };
  } finally {
    clearTimeout(timer);
  }
}

function describeFailure(error: unknown): string {
  const status = (error as { statusCode?: unknown }).statusCode;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return typeof status === 'number' ? `HTTP ${status}: ${message}` : (message ?? 'failed');
}
