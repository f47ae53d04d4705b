import type { HttpRequest } from '@azure/functions';
import { createTokenValidator, parseClientPrincipal, CLIENT_PRINCIPAL_HEADER, type TokenValidator } from '../../platform/identity';
import type { TrustedIssuer } from '../../platform/identity/trustedIssuers';
import type { Settings } from '../../platform/settings/settings';
import { parseBootstrapOwners } from '../../domain/access/bootstrapOwners';
import type { Caller } from '../../domain/access/caller';
import { checkPermission } from '../../domain/access/can';
import { AuthenticationError } from '../../domain/access/errors';
import type { AccessDecision } from '../../domain/access/decision';
import type { AccessOptions } from '../../domain/access/effectiveRole';
import type { RoleBinding } from '../../domain/access/roleBinding';
import type { RoleBindingStore } from './roleBindingStore';

/** How stale another instance's view of role bindings may be; bounds how long a revoked role still works. */
const BINDINGS_TTL_MS = 5_000;

/**
 * Who is calling (Entra ID tokens, the local dev issuer in local mode, App Service Authentication only when
 * trusted) and what they may do (stored role bindings plus the configured first Owners).
 */
export class AccessControl {
  private readonly validator: TokenValidator | undefined;
  private readonly bootstrapOwners: RoleBinding[];
  readonly options: AccessOptions;
  private cached: { readAt: number; bindings: Promise<RoleBinding[]> } | undefined;

  constructor(
    private readonly settings: Settings,
    readonly bindings: RoleBindingStore,
  ) {
    this.validator = buildValidator(settings);
    this.bootstrapOwners = parseBootstrapOwners(settings.FLEETPLANE_BOOTSTRAP_OWNERS);
    this.options = {
      appRolesGrantTenantScope: settings.FLEETPLANE_AUTH_APP_ROLES_AT_TENANT_SCOPE,
      ...(settings.FLEETPLANE_AUTH_TRUSTED_TENANTS ? { appRoleTenants: settings.FLEETPLANE_AUTH_TRUSTED_TENANTS } : {}),
    };
  }

  authenticate(request: HttpRequest): Promise<Caller> {
    const principal = request.headers.get(CLIENT_PRINCIPAL_HEADER);
    const authorization = request.headers.get('authorization');
    if (principal !== null && authorization === null) {
      return Promise.resolve().then(() => parseClientPrincipal(principal, {
        trusted: this.settings.FLEETPLANE_TRUST_CLIENT_PRINCIPAL,
        ...(this.settings.FLEETPLANE_AUTH_TRUSTED_TENANTS ? { trustedTenants: this.settings.FLEETPLANE_AUTH_TRUSTED_TENANTS } : {}),
      }));
    }
    if (!this.validator) {
      return Promise.reject(new AuthenticationError('untrusted_issuer', 'no token issuer is configured for this deployment'));
    }
    return this.validator.validate(authorization);
  }

  /**
   * Every binding that can grant anything: the stored ones and the bootstrap Owners from configuration.
   * Read at most once per BINDINGS_TTL_MS per instance (a Table query costs more than the rest of a request);
   * this instance's own writes refresh it at once, other instances' writes within the TTL.
   */
  async allBindings(): Promise<RoleBinding[]> {
    const now = Date.now();
    if (!this.cached || now - this.cached.readAt > BINDINGS_TTL_MS) {
      const reading = this.bindings.all().then((stored) => [...this.bootstrapOwners, ...stored.map((s) => s.value)]);
      this.cached = { readAt: now, bindings: reading };
      void reading.catch(() => (this.cached = undefined));
    }
    return this.cached.bindings;
  }

  /** After a binding changes: the next decision reads storage again. */
  forgetCachedBindings(): void {
    this.cached = undefined;
  }

  isBootstrapBinding(id: string): boolean {
    return this.bootstrapOwners.some((binding) => binding.id.toLowerCase() === id.toLowerCase());
  }

  async decide(caller: Caller, verb: string, resource: string, scope: string): Promise<AccessDecision> {
    return checkPermission(caller, verb, resource, scope, await this.allBindings(), this.options);
  }
}

function buildValidator(settings: Settings): TokenValidator | undefined {
  const extraIssuers: TrustedIssuer[] = settings.FLEETPLANE_DEV_ISSUER ? [devIssuer(settings.FLEETPLANE_DEV_ISSUER)] : [];
  const tenants = settings.FLEETPLANE_AUTH_TRUSTED_TENANTS ?? [];
  const audiences = settings.FLEETPLANE_AUTH_AUDIENCES ?? [];
  if ((tenants.length === 0 && extraIssuers.length === 0) || audiences.length === 0) return undefined;
  return createTokenValidator({
    trustedTenants: tenants,
    audiences,
    extraIssuers,
    acceptDevScopeClaim: extraIssuers.length > 0,
    groupsOverage: settings.FLEETPLANE_AUTH_GROUPS_OVERAGE,
    ...(settings.FLEETPLANE_AUTH_AUTHORITY_HOST ? { authorityHost: settings.FLEETPLANE_AUTH_AUTHORITY_HOST } : {}),
  });
}

/** The local dev issuer has Entra's v2 URL shape on loopback; settings only accept it in local mode. */
function devIssuer(issuer: string): TrustedIssuer {
  const tenantId = /\/([0-9a-f-]{36})\/v2\.0$/i.exec(issuer)![1]!.toLowerCase();
  return {
    issuer,
    tenantId,
    metadataUrl: `${issuer}/.well-known/openid-configuration`,
    allowHttpOnLoopback: true,
    devIssuer: true,
  };
}
