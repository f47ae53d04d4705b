import type { FleetEventType } from '../events';

/** An event as the outbox stored it: the draft plus its id, time and place in its ordering stream. */
export interface OutboxEvent {
  readonly id: string;
  readonly type: FleetEventType;
  readonly subject: string;
  readonly time: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly orderingKey: string;
  readonly sequence: number;
}

/** Digits of the `sequence` attribute: zero-padded so that comparing the strings compares the numbers. */
const SEQUENCE_DIGITS = 16;

export function sequenceAttribute(sequence: number): string {
  return String(sequence).padStart(SEQUENCE_DIGITS, '0');
}

/**
 * The CloudEvents 1.0 JSON body of a delivery. Extensions: `sequence` (the CloudEvents sequence extension: the
 * event's number in its stream, compare as strings) and `partitionkey` (the partitioning extension: the stream,
 * i.e. the ordering key).
 */
export function toCloudEvent(event: OutboxEvent, source: string) {
  return {
    specversion: '1.0',
    id: event.id,
    source,
    type: event.type,
    subject: event.subject,
    time: event.time,
    datacontenttype: 'application/json',
    sequence: sequenceAttribute(event.sequence),
    partitionkey: event.orderingKey,
    data: event.data,
  };
}
