import { z } from 'zod';

/** The message that asks for one attempt of one delivery (read by the `webhookDeliver` queue trigger). */
export const deliveryMessageSchema = z.object({ subscriptionId: z.string().min(1).max(64), deliveryId: z.string().min(1).max(100) });
export type DeliveryMessage = z.infer<typeof deliveryMessageSchema>;
