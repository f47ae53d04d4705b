import type { QueueClient } from '@azure/storage-queue';
import { isQueueNotFound } from './queueStorageErrors';

/** Adds the message's stored text, unchanged, to the poison queue, creating that queue on first use. */
export async function copyToPoisonQueue(poisonQueue: QueueClient, messageText: string): Promise<void> {
  try {
    await poisonQueue.sendMessage(messageText);
  } catch (error) {
    if (!isQueueNotFound(error)) throw error;
    await poisonQueue.createIfNotExists();
    await poisonQueue.sendMessage(messageText);
  }
}
