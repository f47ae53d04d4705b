import { ValidationError } from '../../domain/errors';
import { publicUrl } from './publicUrl';

/** A page cursor as the API hands it out: opaque base64url JSON, never the storage's own token as is. */
export function encodeContinuation(cursor: object): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/**
 * The cursor a continuation parameter (`continuationToken` unless named otherwise) carries, if `isValid` accepts
 * it; anything else is a 400 naming the parameter.
 */
export function decodeContinuation<C>(value: string, isValid: (cursor: unknown) => cursor is C, parameter = 'continuationToken'): C {
  try {
    const cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    if (isValid(cursor)) return cursor;
  } catch {
    // reported below as a typed validation error
  }
  throw new InvalidContinuationError(parameter);
}

export class InvalidContinuationError extends ValidationError {
  constructor(parameter = 'continuationToken') {
    super(`The ${parameter === 'continuationToken' ? 'continuation token' : parameter} is not valid.`, [
      { path: parameter, code: 'invalid', message: 'Use the nextLink of the previous page as it is.' },
    ]);
  }
}

/** The absolute link to the next page: the same request with the given query parameters set (or replaced). */
export function nextLinkOf(requestUrl: string, set: Record<string, string>, publicBaseUrl?: string): string {
  const next = new URL(requestUrl);
  for (const [name, value] of Object.entries(set)) next.searchParams.set(name, value);
  return publicUrl(requestUrl, `${next.pathname}${next.search}`, publicBaseUrl);
}
