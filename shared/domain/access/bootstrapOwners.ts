import type { RoleBinding, Subject } from './roleBinding';
import { isGuid, TENANT_SCOPE_ID } from './scope';

export const BOOTSTRAP_BINDING_PREFIX = 'bootstrap-owner-';

export class InvalidBootstrapOwnerError extends Error {
  override readonly name = 'InvalidBootstrapOwnerError';
}

const KINDS: readonly Subject['kind'][] = ['user', 'group', 'servicePrincipal'];

/**
 * The first Owner(s), from configuration: a comma-separated list of `kind:objectId[@tenantId]`,
 * e.g. `user:1f0c…@72f9…,group:5a1b…`. Each becomes an Owner binding at tenant scope that is not
 * stored and cannot be revoked through the API (remove it from configuration instead).
 */
export function parseBootstrapOwners(value: string | undefined): RoleBinding[] {
  if (value === undefined || value.trim() === '') return [];
  return value.split(',').map((entry, index) => ({
    id: `${BOOTSTRAP_BINDING_PREFIX}${index + 1}`,
    subject: parseSubject(entry.trim()),
    role: 'Owner',
    scope: TENANT_SCOPE_ID,
    createdBy: 'configuration',
  }));
}

function parseSubject(entry: string): Subject {
  const match = /^([A-Za-z]+):([^@\s]+)(?:@([^@\s]+))?$/.exec(entry);
  const [, kind, id, tenantId] = match ?? [];
  if (kind === undefined || id === undefined || !KINDS.includes(kind as Subject['kind'])) {
    throw new InvalidBootstrapOwnerError(
      `bootstrap owner '${entry}' must look like ${KINDS.join('|')}:<objectId>[@<tenantId>]`,
    );
  }
  if (!isGuid(id) || (tenantId !== undefined && !isGuid(tenantId))) {
    throw new InvalidBootstrapOwnerError(
      `bootstrap owner '${entry}' must use GUIDs for the object and tenant ids`,
    );
  }
  const subject = { kind: kind as Subject['kind'], id: id.toLowerCase() };
  return tenantId === undefined ? subject : { ...subject, tenantId: tenantId.toLowerCase() };
}
