import type { z } from 'zod';
import type { FieldIssue } from '../errors';
import { ValidationError } from '../errors';

function pathOf(segments: ReadonlyArray<PropertyKey>): string {
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === 'number') return `${path}[${segment}]`;
    return path === '' ? String(segment) : `${path}.${String(segment)}`;
  }, '');
}

function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: pathOf(issue.path),
    code: issue.code,
    message: issue.message,
  }));
}

function summaryOf(issues: FieldIssue[]): string {
  return issues
    .map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`))
    .join('; ');
}

/** For functions whose result has no error shape: invalid input throws a ValidationError. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = issuesOf(parsed.error);
  throw new ValidationError(`Invalid ${what} input: ${summaryOf(issues)}.`, issues);
}

/** For functions whose result is `{ ok: false, error }` on failure. */
export function parseOrError<T>(
  schema: z.ZodType<T>,
  input: unknown,
): { ok: true; value: T } | { ok: false; error: string } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: `invalid input: ${summaryOf(issuesOf(parsed.error))}` };
}
