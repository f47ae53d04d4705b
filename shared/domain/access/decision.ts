import type { Role } from './roles';

export type AccessDecisionCode =
  | 'granted'
  | 'no_binding'
  | 'insufficient_role'
  | 'groups_overage'
  | 'unknown_permission'
  | 'invalid_scope'
  | 'invalid_role'
  | 'escalation'
  | 'missing_app_role';

export interface AccessDecision {
  readonly allowed: boolean;
  /** Machine code, for tests, metrics and problem+json. */
  readonly code: AccessDecisionCode;
  /** `<code>: <explanation>`; safe to show to the caller and to put in audit records. */
  readonly reason: string;
  readonly matchedBindingId?: string;
  /** The strongest role the caller holds at the target scope, if any. */
  readonly effectiveRole?: Role;
}

export function allow(explanation: string, matchedBindingId: string, effectiveRole: Role): AccessDecision {
  return {
    allowed: true,
    code: 'granted',
    reason: `granted: ${explanation}`,
    matchedBindingId,
    effectiveRole,
  };
}

export function deny(
  code: Exclude<AccessDecisionCode, 'granted'>,
  explanation: string,
  effectiveRole?: Role,
): AccessDecision {
  return effectiveRole === undefined
    ? { allowed: false, code, reason: `${code}: ${explanation}` }
    : { allowed: false, code, reason: `${code}: ${explanation}`, effectiveRole };
}
