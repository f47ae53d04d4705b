import { z } from 'zod';

/** The message that asks the `webhookEventsProcess` queue trigger to run one stored event's actions. */
export const inboundMessageSchema = z.object({
  partitionKey: z.string().min(1).max(64),
  rowKey: z.string().min(1).max(64),
});

export type InboundMessage = z.infer<typeof inboundMessageSchema>;
