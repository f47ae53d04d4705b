/**
 * Paths where `actual` does not contain `expected`: every defined field of `expected` must be present in
 * `actual` with the same value; objects are compared field by field, arrays element by element.
 */
export function missingFields(expected: unknown, actual: unknown, path = ''): string[] {
  if (expected === undefined) return [];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [path || '(root)'];
    return expected.flatMap((item, index) => missingFields(item, actual[index], `${path}[${index}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return [path || '(root)'];
    return Object.entries(expected).flatMap(([key, value]) =>
      missingFields(value, (actual as Record<string, unknown>)[key], path ? `${path}.${key}` : key),
    );
  }
  return Object.is(expected, actual) ? [] : [path || '(root)'];
}
