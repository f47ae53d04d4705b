import type { HttpResponseInit } from '@azure/functions';
import type { FieldIssue } from '../../domain/errors';

/** RFC 9457 problem details, with Fleetplane's extension members. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: FieldIssue[];
  correlationId?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://fleetplane.dev/problems/';

export function problem(status: number, title: string, fields: Omit<Partial<Problem>, 'status' | 'title'> = {}): Problem {
  return { type: `${TYPE_BASE}${slug(title)}`, title, status, ...fields };
}

export function problemResponse(body: Problem, headers: Record<string, string> = {}): HttpResponseInit {
  return { status: body.status, jsonBody: body, headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers } };
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
