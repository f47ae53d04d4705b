import { publicUrl } from '../../platform/http/publicUrl';
import { ValidationError } from '../../domain/errors';

interface Cursor {
  v: 1;
  /** The Table service's continuation token. */
  t: string;
}

export function encodeContinuation(tableToken: string): string {
  const cursor: Cursor = { v: 1, t: tableToken };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeContinuation(value: string): string {
  try {
    const cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (cursor.v === 1 && typeof cursor.t === 'string' && cursor.t !== '') return cursor.t;
  } catch {
    // reported below as a typed validation error
  }
  throw new InvalidInventoryContinuationError();
}

export class InvalidInventoryContinuationError extends ValidationError {
  constructor() {
    super('The continuation token is not valid.', [
      {
        path: 'continuationToken',
        code: 'invalid',
        message: 'Use the nextLink of the previous page as it is.',
      },
    ]);
  }
}

/** The absolute link to the next page: the same request with `continuationToken` set. */
export function nextLinkOf(requestUrl: string, continuation: string, publicBaseUrl?: string): string {
  const next = new URL(requestUrl);
  next.searchParams.set('continuationToken', continuation);
  return publicUrl(requestUrl, `${next.pathname}${next.search}`, publicBaseUrl);
}
