import { PreconditionFailedError } from './errors';

/**
 * The opaque part of an entity tag in any of the forms our sources give it: ARM's bare `abc`, the Table
 * service's `W/"datetime'…'"`, or an HTTP `"abc"`. Fleetplane publishes every version as the strong tag
 * `"<opaque>"`: each write of a resource changes it, so it validates the representation byte for byte.
 */
export function opaqueTagOf(etag: string): string {
  return etag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/**
 * RFC 9110 §13.1.1: `If-Match` holds when it is `*` and the resource exists, or when one of its entity tags
 * equals the current one by the strong comparison (a weak `W/"…"` tag never matches).
 */
export function ifMatchHolds(ifMatch: string, current: string | undefined): boolean {
  if (current === undefined) return false;
  if (ifMatch.trim() === '*') return true;
  const currentOpaque = opaqueTagOf(current);
  return ifMatch
    .split(',')
    .map((candidate) => candidate.trim())
    .some((candidate) => !candidate.startsWith('W/') && opaqueTagOf(candidate) === currentOpaque);
}

/** Enforces `If-Match` (undefined = no condition) against the current version (undefined = no resource). */
export function requireIfMatch(ifMatch: string | undefined, current: string | undefined, what: string): void {
  if (ifMatch === undefined) return;
  if (current === undefined) throw new PreconditionFailedError(`${what} does not exist, so If-Match cannot match.`);
  if (!ifMatchHolds(ifMatch, current)) {
    throw new PreconditionFailedError(
      `${what} was changed since it was read (ETag "${opaqueTagOf(current)}"); read it again and retry.`,
    );
  }
}
