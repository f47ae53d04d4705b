/** The Storage queue service errors the extension treats as expected, read from an SDK RestError's shape. */

function statusAndCode(error: unknown): { status?: number; code?: string } {
  if (typeof error !== 'object' || error === null) return {};
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  return {
    ...(typeof statusCode === 'number' ? { status: statusCode } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

export function isQueueNotFound(error: unknown): boolean {
  const { status, code } = statusAndCode(error);
  return status === 404 && code === 'QueueNotFound';
}

/**
 * The message is no longer ours to settle: another receiver holds it (a newer pop receipt), it is gone, or the
 * queue is gone or being deleted. Deleting or releasing it then has nothing left to do.
 */
export function isMessageNoLongerHeld(error: unknown): boolean {
  const { status, code } = statusAndCode(error);
  return (
    (status === 400 && code === 'PopReceiptMismatch') ||
    (status === 404 && (code === 'MessageNotFound' || code === 'QueueNotFound')) ||
    (status === 409 && (code === 'QueueBeingDeleted' || code === 'QueueDisabled'))
  );
}
