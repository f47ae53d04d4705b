import type { z } from 'zod';
import { ValidationError, type FieldIssue } from '../../domain/errors';

/** `['nodePools', 1, 'vmSize']` → `nodePools[1].vmSize` */
export function formatPath(path: readonly PropertyKey[], root = ''): string {
  let out = root;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

export function issuesOf(error: z.ZodError, root = ''): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path, root),
    code: issue.code,
    message: issue.message,
  }));
}

/** Validates one part of a request; every problem is reported at once, each with its field path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, part: string, root = ''): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesOf(result.error, root);
  const fields = [...new Set(issues.map((i) => i.path || part))].join(', ');
  throw new ValidationError(`The request ${part} is invalid: ${fields}.`, issues);
}
