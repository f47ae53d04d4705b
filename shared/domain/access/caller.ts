/** The authenticated principal, keyed by (tenantId, objectId). Never keyed on names or e-mail. */
export interface Caller {
  readonly tenantId: string;
  readonly objectId: string;
  readonly kind: 'user' | 'servicePrincipal';
  readonly displayName?: string;
  /** App role values from the token's `roles` claim, e.g. `Fleet.Operator`. */
  readonly appRoles: readonly string[];
  /** Group object ids from the token's `groups` claim (or a Graph lookup after an overage). */
  readonly groups: readonly string[];
  /** The token omitted its groups (overage) and nobody looked them up: group bindings cannot match. */
  readonly groupsOverage: boolean;
  /** Client application id (`azp` in v2, `appid` in v1), for audit. */
  readonly clientAppId?: string;
  /** Delegated scopes (`scp`, split on spaces); empty for app-only tokens. */
  readonly scopes?: readonly string[];
  readonly authMethod?: 'jwt' | 'easyauth';
  /**
   * Dev-issuer tokens only (local mode): the scope to which the token's app roles are confined.
   * Set by the validator only when explicitly allowed for that issuer.
   */
  readonly devScope?: string;
}
