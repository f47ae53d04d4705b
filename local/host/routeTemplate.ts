/**
 * ASP.NET Core-style route templates as the Functions host uses them:
 * literals (case-insensitive), `{name}`, `{name:constraint(...)}`, optional `{name?}`, defaults `{name=x}`,
 * and a trailing catch-all `{*rest}` / `{**rest}`.
 */

type Constraint = (value: string) => boolean;

interface LiteralSegment {
  kind: 'literal';
  text: string;
}

interface ParameterSegment {
  kind: 'parameter';
  name: string;
  constraints: Constraint[];
  optional: boolean;
  defaultValue: string | undefined;
  catchAll: boolean;
}

type Segment = LiteralSegment | ParameterSegment;

export interface CompiledRoute {
  template: string;
  /** Lower sorts first: literals before constrained parameters before plain parameters before catch-alls. */
  precedence: number[];
  match(pathSegments: string[]): Record<string, string> | undefined;
}

export class RouteTemplateError extends Error {}

const PARAMETER = /^\{(\*{1,2})?([A-Za-z_][A-Za-z0-9_]*)((?::[^=?}]+(?:\([^)]*\))?)*)(\?)?(?:=([^}]*))?\}$/;

export function compileRouteTemplate(template: string): CompiledRoute {
  const segments = splitPath(template).map((raw) => parseSegment(raw, template));
  segments.forEach((segment, index) => {
    if (segment.kind === 'parameter' && segment.catchAll && index !== segments.length - 1) {
      throw new RouteTemplateError(`Route "${template}": a catch-all parameter must be the last segment.`);
    }
  });
  const names = segments.flatMap((s) => (s.kind === 'parameter' ? [s.name.toLowerCase()] : []));
  if (new Set(names).size !== names.length) {
    throw new RouteTemplateError(`Route "${template}": a parameter name is used twice.`);
  }
  return {
    template,
    precedence: segments.map(precedenceOf),
    match: (pathSegments) => matchSegments(segments, pathSegments),
  };
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part.length > 0);
}

/** Orders routes the way ASP.NET Core routing prefers them when several match. */
export function compareRoutes(a: CompiledRoute, b: CompiledRoute): number {
  const length = Math.max(a.precedence.length, b.precedence.length);
  for (let i = 0; i < length; i++) {
    const difference = (a.precedence[i] ?? 5) - (b.precedence[i] ?? 5);
    if (difference !== 0) return difference;
  }
  return 0;
}

function precedenceOf(segment: Segment): number {
  if (segment.kind === 'literal') return 1;
  if (segment.catchAll) return 4;
  return segment.constraints.length > 0 ? 2 : 3;
}

function parseSegment(raw: string, template: string): Segment {
  if (!raw.includes('{') && !raw.includes('}')) return { kind: 'literal', text: raw.toLowerCase() };
  const match = PARAMETER.exec(raw);
  if (!match) {
    throw new RouteTemplateError(`Route "${template}": segment "${raw}" is not a supported parameter.`);
  }
  const [, stars, name = '', constraintText = '', optional, defaultValue] = match;
  return {
    kind: 'parameter',
    name,
    constraints: parseConstraints(constraintText, template),
    optional: optional === '?' || defaultValue !== undefined || stars !== undefined,
    defaultValue,
    catchAll: stars !== undefined,
  };
}

function parseConstraints(text: string, template: string): Constraint[] {
  if (!text) return [];
  const parts = text.slice(1).match(/[a-z]+(?:\((?:[^()]|\([^()]*\))*\))?/gi) ?? [];
  return parts.map((part) => {
    const constraint = buildConstraint(part);
    if (!constraint) throw new RouteTemplateError(`Route "${template}": unknown constraint "${part}".`);
    return constraint;
  });
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const GUID = /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i;

function inIntRange(value: string, bits: 32 | 64): boolean {
  if (!INTEGER.test(value)) return false;
  const n = BigInt(value);
  const limit = 2n ** BigInt(bits - 1);
  return n >= -limit && n < limit;
}

function buildConstraint(part: string): Constraint | undefined {
  const open = part.indexOf('(');
  const name = (open < 0 ? part : part.slice(0, open)).toLowerCase();
  const argument = open < 0 ? '' : part.slice(open + 1, -1);
  const numbers = argument.split(',').map(Number);
  const [first = NaN, second = NaN] = numbers;
  switch (name) {
    case 'int':
      return (v) => inIntRange(v, 32);
    case 'long':
      return (v) => inIntRange(v, 64);
    case 'bool':
      return (v) => /^(true|false)$/i.test(v);
    case 'guid':
      return (v) => GUID.test(v);
    case 'alpha':
      return (v) => /^[a-z]+$/i.test(v);
    case 'decimal':
    case 'double':
    case 'float':
      return (v) => DECIMAL.test(v);
    case 'datetime':
      return (v) => !Number.isNaN(Date.parse(v));
    case 'required':
      return (v) => v.length > 0;
    case 'minlength':
      return (v) => v.length >= first;
    case 'maxlength':
      return (v) => v.length <= first;
    case 'length':
      return numbers.length === 2 ? (v) => v.length >= first && v.length <= second : (v) => v.length === first;
    case 'min':
      return (v) => INTEGER.test(v) && Number(v) >= first;
    case 'max':
      return (v) => INTEGER.test(v) && Number(v) <= first;
    case 'range':
      return (v) => INTEGER.test(v) && Number(v) >= first && Number(v) <= second;
    case 'regex': {
      const pattern = new RegExp(argument, 'i');
      return (v) => pattern.test(v);
    }
    default:
      return undefined;
  }
}

function matchSegments(segments: Segment[], pathSegments: string[]): Record<string, string> | undefined {
  const last = segments[segments.length - 1];
  const catchAll = last?.kind === 'parameter' && last.catchAll;
  if (!catchAll && pathSegments.length > segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const value = pathSegments[i];
    if (segment.kind === 'literal') {
      if (value === undefined || safeDecode(value)?.toLowerCase() !== segment.text) return undefined;
      continue;
    }
    if (segment.catchAll) {
      const rest = pathSegments.slice(i).map(safeDecode);
      if (rest.some((part) => part === undefined)) return undefined;
      const joined = rest.join('/');
      if (joined.length > 0) params[segment.name] = joined;
      else if (segment.defaultValue !== undefined) params[segment.name] = segment.defaultValue;
      return params;
    }
    if (value === undefined) {
      if (!segment.optional) return undefined;
      if (segment.defaultValue !== undefined) params[segment.name] = segment.defaultValue;
      continue;
    }
    const decoded = safeDecode(value);
    if (decoded === undefined || !segment.constraints.every((accepts) => accepts(decoded))) return undefined;
    params[segment.name] = decoded;
  }
  return pathSegments.length <= segments.length ? params : undefined;
}

/** Decodes a path segment as the Functions host does: an encoded slash (%2F) stays encoded. */
function safeDecode(value: string): string | undefined {
  if (!value.includes('%')) return value;
  try {
    return value
      .split(/%2F/i)
      .map((part) => decodeURIComponent(part))
      .join('%2F');
  } catch {
    return undefined;
  }
}
