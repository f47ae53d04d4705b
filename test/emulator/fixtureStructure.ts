/** Compares the JSON structure (keys and value types) of an example with an emulator response. */

export interface StructureDifference {
  path: string;
  problem: string;
}

const typeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/**
 * Every key of `expected` must exist in `actual` with the same JSON type, recursively. Array elements are compared
 * position by position (the last actual element stands in for missing ones). Extra keys in `actual` are allowed:
 * AKS returns more read-only properties than any single example shows (see _differences.json, "general").
 */
export function structuralDifferences(expected: unknown, actual: unknown, path = '', isMap: (genericPath: string) => boolean = () => false): StructureDifference[] {
  const te = typeOf(expected);
  const ta = typeOf(actual);
  if (te !== ta) return [{ path: path || '(root)', problem: `type ${te} expected, got ${ta}` }];
  if (te === 'array') {
    const e = expected as unknown[];
    const a = actual as unknown[];
    if (e.length > 0 && a.length === 0) return [{ path, problem: 'non-empty array expected, got an empty one' }];
    // Lists hold data, not positions: each example element must match the structure of some actual element.
    return e.flatMap((item, i) => {
      const candidates = a.map((candidate) => structuralDifferences(item, candidate, `${path}[${i}]`, isMap));
      return candidates.reduce((best, next) => (next.length < best.length ? next : best));
    });
  }
  if (te === 'object' && isMap(genericPath(path))) {
    // A dictionary keyed by data (e.g. patchVersions): compare values, not keys.
    const sample = Object.values(actual as Record<string, unknown>)[0];
    return Object.entries(expected as Record<string, unknown>).flatMap(([key, value]) =>
      sample === undefined ? [{ path: `${path}.${key}`, problem: 'missing (empty dictionary)' }] : structuralDifferences(value, sample, `${path}.*`, isMap),
    );
  }
  if (te === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    return Object.keys(e).flatMap((key) => {
      const child = path === '' ? key : `${path}.${key}`;
      return key in a ? structuralDifferences(e[key], a[key], child, isMap) : [{ path: child, problem: 'missing' }];
    });
  }
  return [];
}

/** Normalises array indexes so one justification covers every element: `a[3].b` → `a[].b`. */
export const genericPath = (path: string): string => path.replace(/\[\d+\]/g, '[]');
