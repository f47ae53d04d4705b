import type { IncomingHttpHeaders } from 'node:http';

export interface ArmResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RequestContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  apiVersion: string;
}

export type Handler<C> = (request: RequestContext, context: C) => ArmResponse | Promise<ArmResponse>;

export interface Route<C> {
  method: string;
  segments: string[];
  operation: string;
  /** Mutating ARM calls count against the "writes" rate-limit header. */
  write: boolean;
  /** api-versions this route accepts, when they differ from the server's (e.g. Microsoft.Insights routes). */
  apiVersions?: readonly string[];
  handler: Handler<C>;
}

export interface RouteOptions {
  apiVersions?: readonly string[];
  /** Defaults to "not a GET"; a POST that only reads (metrics:getBatch) sets false. */
  write?: boolean;
}

/** Splits a path into segments, tolerating duplicate slashes (e.g. a leading `//`). */
export function pathSegments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

export class Router<C> {
  private readonly routes: Route<C>[] = [];

  add(method: string, pattern: string, operation: string, handler: Handler<C>, options: RouteOptions = {}): this {
    this.routes.push({
      method,
      segments: pathSegments(pattern).map((s) => (s.startsWith('{') ? s : s.toLowerCase())),
      operation,
      write: options.write ?? method !== 'GET',
      ...(options.apiVersions ? { apiVersions: options.apiVersions } : {}),
      handler,
    });
    return this;
  }

  /** Literal segments match case-insensitively (ARM does; the spec examples mix `resourceGroups` and `resourcegroups`). */
  match(method: string, path: string): { route: Route<C>; params: Record<string, string> } | { pathMatched: boolean } {
    const segments = pathSegments(path);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return { route, params };
    }
    return { pathMatched };
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const p = pattern[i] ?? '';
    const a = actual[i] ?? '';
    if (p.startsWith('{') && p.endsWith('}')) {
      params[p.slice(1, -1)] = safeDecode(a);
    } else if (p !== a.toLowerCase()) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
