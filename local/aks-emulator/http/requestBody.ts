import type { IncomingMessage } from 'node:http';
import { ArmError } from '../errors';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The request body as text ('' when there is none), refusing bodies over 4 MiB. */
export async function readBodyText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new ArmError(413, 'RequestEntityTooLarge', 'The request body is too large.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
