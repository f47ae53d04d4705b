/** One broken rule, located by the field path in the request body (e.g. `nodePools[1].vmSize`). */
export interface Violation {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** Renders a path as `nodePools[1].vmSize`; an empty path (the whole body) renders as `""`. */
export function toFieldPath(segments: ReadonlyArray<PropertyKey>): string {
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === 'number') return `${path}[${segment}]`;
    const name = String(segment);
    return path === '' ? name : `${path}.${name}`;
  }, '');
}

export function joinPath(base: string, field: string): string {
  if (base === '') return field;
  return field.startsWith('[') ? `${base}${field}` : `${base}.${field}`;
}

/** The structural part of a zod error we need, so the domain does not depend on zod. */
export interface SchemaIssueSource {
  readonly issues: ReadonlyArray<{
    readonly path: ReadonlyArray<PropertyKey>;
    readonly code: string;
    readonly message: string;
  }>;
}

/** Schema validation issues as violations with code `InvalidField` and the field path. */
export function violationsFromSchemaIssues(error: SchemaIssueSource, basePath = ''): Violation[] {
  return error.issues.map((issue) => ({
    path: joinPath(basePath, toFieldPath(issue.path)),
    code: 'InvalidField',
    message: issue.message,
  }));
}
