import type { FunctionCallback, Registration } from './functionsCoreShim';
import { compareRoutes, compileRouteTemplate, splitPath, type CompiledRoute } from './routeTemplate';

export type AuthLevel = 'anonymous' | 'function' | 'admin';

export interface HttpFunction {
  name: string;
  route: CompiledRoute;
  methods: string[];
  authLevel: AuthLevel;
  handler: FunctionCallback;
}

export type RouteResolution =
  | { kind: 'matched'; fn: HttpFunction; params: Record<string, string> }
  | { kind: 'methodNotAllowed'; allowed: string[] }
  | { kind: 'notFound' };

const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'];

export function httpFunctionsOf(registrations: Registration[], routePrefix: string): HttpFunction[] {
  const functions: HttpFunction[] = [];
  for (const { metadata, handler } of registrations) {
    const trigger = Object.values(metadata.bindings).find((b) => b.type === 'httpTrigger');
    if (!trigger) continue;
    const route = typeof trigger.route === 'string' ? trigger.route : metadata.name;
    if (/^\/?admin(\/|$)/i.test(route)) {
      throw new Error(`Function "${metadata.name}": routes may not start with "admin" (reserved by the host).`);
    }
    const methods = Array.isArray(trigger.methods) ? trigger.methods.map((m) => String(m).toUpperCase()) : ALL_METHODS;
    functions.push({
      name: metadata.name,
      route: compileRouteTemplate([routePrefix, route].filter(Boolean).join('/')),
      methods,
      authLevel: parseAuthLevel(trigger.authLevel),
      handler,
    });
  }
  return functions.sort((a, b) => compareRoutes(a.route, b.route));
}

function parseAuthLevel(value: unknown): AuthLevel {
  const level = typeof value === 'string' ? value.toLowerCase() : 'anonymous';
  if (level === 'anonymous' || level === 'function' || level === 'admin') return level;
  throw new Error(`Unknown authLevel "${String(value)}".`);
}

/** 404 when no route template matches the path; 405 (with the allowed verbs) when only the method is wrong. */
export function resolveRoute(functions: HttpFunction[], method: string, pathname: string): RouteResolution {
  const segments = splitPath(pathname);
  const allowed = new Set<string>();
  for (const fn of functions) {
    const params = fn.route.match(segments);
    if (!params) continue;
    if (fn.methods.includes(method)) return { kind: 'matched', fn, params };
    fn.methods.forEach((m) => allowed.add(m));
  }
  return allowed.size > 0 ? { kind: 'methodNotAllowed', allowed: [...allowed].sort() } : { kind: 'notFound' };
}
