/**
 * ARM paging: `{ value, nextLink }` with an absolute nextLink built from the public base URL.
 * Only the page being returned is rendered.
 */
export function paginate<T, R = T>(
  items: readonly T[],
  query: URLSearchParams,
  publicBaseUrl: string,
  path: string,
  pageSize: number,
  render: (item: T) => R = (item) => item as unknown as R,
): { value: R[]; nextLink?: string } {
  const token = query.get('$skipToken') ?? query.get('$skiptoken') ?? '0';
  const offset = Math.max(0, Number.parseInt(token, 10) || 0);
  const value = items.slice(offset, offset + pageSize).map(render);
  if (offset + pageSize >= items.length) return { value };
  const next = new URLSearchParams();
  next.set('api-version', query.get('api-version') ?? '');
  next.set('$skipToken', String(offset + pageSize));
  return { value, nextLink: `${publicBaseUrl}${path}?${next.toString()}` };
}
