import type { StorageQueue } from '../../platform/storage/storageQueue';
import { InboundEventStore } from './inboundEventStore';
import type { InboundMessage } from './inboundQueue';
import type { InboundRecord } from './inboundRecord';

export interface InboundIntake {
  store: InboundEventStore;
  queue: StorageQueue<InboundMessage>;
  now: () => Date;
}

export type Acceptance = 'accepted' | 'duplicate';

/**
 * Stores a delivered fact under its dedupe key, then hands it to the queue. A fact stored earlier whose message
 * was not known to be sent (the sender retried after our 503) is queued again; one already queued or processed
 * is a duplicate and does nothing. Storage that cannot answer fails the request (503), so the sender retries.
 */
export async function acceptInbound(
  intake: InboundIntake,
  draft: Omit<InboundRecord, 'status' | 'receivedAt'>,
): Promise<Acceptance> {
  const record: InboundRecord = { ...draft, status: 'received', receivedAt: intake.now().toISOString() };
  const received = await intake.store.receive(record);
  if (received.outcome === 'duplicate') return 'duplicate';
  await intake.queue.send(InboundEventStore.keyOf(record.dedupeKey));
  await intake.store.markQueued(received.stored, received.etag);
  return 'accepted';
}
