/**
 * The URL callers should use for `pathAndQuery`: behind API Management or Front Door the request arrives at
 * the Function App's own host, so links we hand out use the configured public base URL when there is one
 * (FLEETPLANE_PUBLIC_BASE_URL), else the origin the request came to.
 */
export function publicUrl(
  requestUrl: string,
  pathAndQuery: string,
  publicBaseUrl: string | undefined,
): string {
  const base = publicBaseUrl ?? new URL(requestUrl).origin;
  return new URL(pathAndQuery.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`).toString();
}
