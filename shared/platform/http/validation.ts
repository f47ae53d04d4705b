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

/** A body checked against its schema by an operation that answers schema issues together with its own problems. */
export type CheckedBody<T> = { valid: true; value: T } | { valid: false; json: unknown; issues: FieldIssue[] };

/**
 * A string or list over its length bound is answered at once, as any schema failure used to be: the bounds
 * guard the app (glob matching, ARM reads) from hostile bodies, which are not worth judging further.
 */
function breaksLengthBound(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'too_big' && ['string', 'array', 'set'].includes(issue.origin);
}

/** Checks a parsed JSON body; throws as `parseOrThrow` when a length bound is broken. */
export function checkBody<S extends z.ZodType>(schema: S, json: unknown): CheckedBody<z.infer<S>> {
  const result = schema.safeParse(json);
  if (result.success) return { valid: true, value: result.data };
  if (result.error.issues.some(breaksLengthBound)) parseOrThrow(schema, json, 'body');
  return { valid: false, json, issues: issuesOf(result.error) };
}

/** The one answer to a body that failed its schema: its schema issues first, then the rules it breaks, all at once. */
export class BodyValidationError extends ValidationError {
  constructor(schemaIssues: FieldIssue[], violations: FieldIssue[]) {
    const fields = [...new Set(schemaIssues.map((issue) => issue.path || 'body'))].join(', ');
    const noun = violations.length === 1 ? 'violation' : 'violations';
    const rules = violations.length === 0 ? '' : ` It also breaks ${violations.length} rule ${noun}; see errors.`;
    super(`The request body is invalid: ${fields}.${rules}`, [...schemaIssues, ...violations]);
  }
}
