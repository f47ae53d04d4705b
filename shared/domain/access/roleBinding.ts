import type { Caller } from './caller';
import type { Role } from './roles';

export type SubjectKind = 'user' | 'group' | 'servicePrincipal' | 'appRole';

export interface Subject {
  readonly kind: SubjectKind;
  /** Object id (GUID) for user, group and servicePrincipal; the app role value for appRole. */
  readonly id: string;
  /** When set, only callers from this tenant match. Recommended for appRole subjects in multi-tenant setups. */
  readonly tenantId?: string;
}

export interface RoleBinding {
  readonly id: string;
  readonly subject: Subject;
  readonly role: Role;
  /** `tenant` or an ARM-like id; see scope.ts. Bindings with a malformed scope never match. */
  readonly scope: string;
  readonly createdBy?: string;
  readonly createdAt?: string;
}

export function subjectMatches(subject: Subject, caller: Caller): boolean {
  if (subject.tenantId !== undefined && !sameId(subject.tenantId, caller.tenantId)) return false;
  switch (subject.kind) {
    case 'user':
      return caller.kind === 'user' && sameId(subject.id, caller.objectId);
    case 'servicePrincipal':
      return caller.kind === 'servicePrincipal' && sameId(subject.id, caller.objectId);
    case 'group':
      return caller.groups.some((group) => sameId(group, subject.id));
    case 'appRole':
      // App role values are exact strings defined in our app manifest.
      return caller.appRoles.includes(subject.id);
    default:
      return false;
  }
}

/** Object ids are GUIDs: compare without regard to case. */
function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
