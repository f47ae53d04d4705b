import type { Logger } from '../../platform/observability/logger';
import type { InboundEventStore } from './inboundEventStore';
import type { InboundMessage } from './inboundQueue';
import type { InboundPorts } from './inboundPorts';
import type { InboundRecord } from './inboundRecord';
import { runInboundAction } from './runInboundAction';

export type ProcessResult = 'processed' | 'alreadyProcessed' | 'missing';

/**
 * The queue trigger's work for one stored event or alert: run its actions in order, then mark it processed.
 * A record already processed (a second message for it) does nothing. When an action fails the others still
 * run, the record stays unprocessed and the trigger throws, so the message comes back (and goes to the poison
 * queue after the host's maxDequeueCount); every action is safe to run again.
 */
export async function processInbound(
  deps: { store: InboundEventStore; ports: InboundPorts; now: () => Date; log: Logger },
  message: InboundMessage,
): Promise<ProcessResult> {
  const stored = await deps.store.get(message);
  if (!stored) {
    deps.log.warn('A message names an inbound event that is not stored', { rowKey: message.rowKey });
    return 'missing';
  }
  const record = stored.value;
  if (record.status === 'processed') return 'alreadyProcessed';
  const outcomes: NonNullable<InboundRecord['outcomes']> = [];
  for (const action of record.actions) {
    try {
      await runInboundAction(deps.ports, action);
      deps.log.info('Inbound action done', {
        action: action.kind,
        type: record.type,
        subject: record.subject,
        ...('clusterResourceId' in action ? { cluster: action.clusterResourceId } : {}),
      });
      outcomes.push({ kind: action.kind, ok: true });
    } catch (error) {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      deps.log.warn('Inbound action failed', {
        action: action.kind,
        type: record.type,
        subject: record.subject,
        error: text,
      });
      outcomes.push({ kind: action.kind, ok: false, error: text.slice(0, 512) });
    }
  }
  const failed = outcomes.filter((outcome) => !outcome.ok);
  if (failed.length > 0)
    throw new Error(
      `${failed.length} of ${outcomes.length} actions of ${record.type} failed: ${failed.map((f) => f.kind).join(', ')}`,
    );
  await deps.store.markProcessed(message, outcomes, deps.now());
  return 'processed';
}
