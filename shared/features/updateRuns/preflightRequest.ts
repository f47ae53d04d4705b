import { randomUUID } from 'node:crypto';
import type { Logger } from '../../platform/observability/logger';
import type { UpdateRunDependencies } from './updateRunDependencies';
import type { RunPreflight } from './updateRunDocument';

/** A preflight waiting for its message (sent right after the run is written with it). */
export function requestedPreflight(purpose: RunPreflight['purpose'], requestedBy: string, requestedAt: string): RunPreflight {
  return { id: randomUUID(), purpose, status: 'Pending', requestedAt, requestedBy, messageSentAt: new Date().toISOString() };
}

/** The run is stored: a failed send is not the caller's failure, the repair timer sends the message again. */
export async function sendPreflight(deps: Pick<UpdateRunDependencies, 'requestPreflight'>, runId: string, preflightId: string, log: Logger): Promise<void> {
  try {
    await deps.requestPreflight(runId, preflightId);
  } catch (error) {
    log.warn('Could not queue the update-run preflight; the repair timer will', { run: runId, error: error instanceof Error ? error.message : String(error) });
  }
}
