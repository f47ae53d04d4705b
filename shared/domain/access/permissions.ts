import type { Role } from './roles';

/**
 * Minimum role per (resource, verb), after security-reliability.md §2.3.
 * A verb missing from a resource's row is not a permission anyone holds.
 */
export const PERMISSIONS = {
  clusters: {
    get: 'Reader',
    list: 'Reader',
    update: 'Operator',
    patch: 'Operator',
    create: 'Admin',
    delete: 'Admin',
  },
  'clusters/nodepools': {
    get: 'Reader',
    list: 'Reader',
    create: 'Operator',
    update: 'Operator',
    delete: 'Operator',
    scale: 'Operator',
  },
  // Update runs: create/start/resume need `create` on every member, stop `abort`; gates and skips are Operators' calls.
  'clusters/upgrades': { get: 'Reader', list: 'Reader', create: 'Operator', abort: 'Operator', approve: 'Operator', skip: 'Operator' },
  'clusters/autoscalepolicies': {
    get: 'Reader',
    list: 'Reader',
    create: 'Operator',
    update: 'Operator',
    delete: 'Operator',
  },
  // Reader is excluded on purpose: log rows may hold secrets or personal data.
  'clusters/logs': { query: 'Operator' },
  webhooks: {
    get: 'Admin',
    list: 'Admin',
    create: 'Admin',
    update: 'Admin',
    delete: 'Admin',
    'rotate-secret': 'Admin',
  },
  rolebindings: {
    get: 'Admin',
    list: 'Admin',
    create: 'Admin',
    delete: 'Admin',
    escalate: 'Owner',
    bind: 'Owner',
  },
  audit: { get: 'Admin', list: 'Admin' },
  inventory: { sync: 'Admin' },
  // Readiness details name dependencies and their errors; anyone may read the bare status.
  health: { get: 'Admin' },
  guardrails: { get: 'Reader', list: 'Reader', create: 'Admin', update: 'Admin', delete: 'Admin' },
  versionSupportCalendar: { get: 'Reader', list: 'Reader', create: 'Admin', update: 'Admin', delete: 'Admin' },
} as const satisfies Record<string, Record<string, Role>>;

export type Resource = keyof typeof PERMISSIONS;
export type VerbOf<R extends Resource> = keyof (typeof PERMISSIONS)[R] & string;
export type Verb = { [R in Resource]: VerbOf<R> }[Resource];

export const RESOURCES = Object.keys(PERMISSIONS) as Resource[];

export function isResource(value: unknown): value is Resource {
  return typeof value === 'string' && Object.hasOwn(PERMISSIONS, value);
}

export function verbsOf<R extends Resource>(resource: R): VerbOf<R>[] {
  return Object.keys(PERMISSIONS[resource]) as VerbOf<R>[];
}

/** The weakest role allowed to perform `verb` on `resource`, or undefined if the pair is not a permission. */
export function requiredRole(resource: string, verb: string): Role | undefined {
  if (!isResource(resource)) return undefined;
  const row: Record<string, Role> = PERMISSIONS[resource];
  return Object.hasOwn(row, verb) ? row[verb] : undefined;
}

/** Verbs that change state: everything except reads. */
export function isReadVerb(verb: string): boolean {
  return verb === 'get' || verb === 'list';
}
