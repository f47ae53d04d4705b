import { PreconditionFailedError } from '../../domain/errors';

/** `"abc"`, `W/"abc"` and `abc` name the same version. */
function bare(etag: string): string {
  return etag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/**
 * Enforces `If-Match` against the resource's current ARM eTag (undefined = the resource does not exist).
 * No header means no condition.
 */
export function requireMatchingEtag(ifMatch: string | undefined, current: string | undefined, what: string): void {
  if (ifMatch === undefined) return;
  if (current === undefined) throw new PreconditionFailedError(`${what} does not exist, so If-Match cannot match.`);
  if (ifMatch.trim() === '*') return;
  if (!ifMatch.split(',').some((candidate) => bare(candidate) === bare(current))) {
    throw new PreconditionFailedError(`${what} was changed since it was read (ETag ${current}); read it again and retry.`);
  }
}

/** The If-Match to forward to ARM, so that ARM itself refuses a write that raced ours. */
/**
 * The If-Match to send ARM. Whenever we read the resource and send back a whole document, we make the write
 * conditional on the version we read, so concurrent writers cannot silently undo each other (and an update
 * cannot recreate a resource deleted meanwhile), whether or not the caller sent If-Match.
 */
export function armIfMatch(_ifMatch: string | undefined, current: string | undefined): { ifMatch?: string } {
  return current !== undefined ? { ifMatch: current } : {};
}

/** ARM's eTag as an RFC 9110 entity tag (quoted) for the ETag response header. */
export function armEtagHeader(etag: string | undefined): Record<string, string> {
  return etag ? { etag: `"${bare(etag)}"` } : {};
}
