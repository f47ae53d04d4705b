import { opaqueTagOf } from '../../domain/preconditions';

/** The `ETag` response header for a version (ARM's eTag or a Table row's), as the strong tag `"<opaque>"`. */
export function etagHeader(etag: string | undefined): Record<string, string> {
  return etag ? { etag: `"${opaqueTagOf(etag)}"` } : {};
}

/**
 * The If-Match to send ARM. Whenever we read the resource and send back a whole document, we make the write
 * conditional on the version we read, so concurrent writers cannot silently undo each other (and an update
 * cannot recreate a resource deleted meanwhile), whether or not the caller sent If-Match.
 */
export function armIfMatch(current: string | undefined): { ifMatch?: string } {
  return current !== undefined ? { ifMatch: current } : {};
}
