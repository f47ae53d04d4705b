import type { z } from 'zod';
import type { roleBindingSchema } from './access.api';
import type { AccessControl } from './accessControl';
import type { Caller } from '../../domain/access/caller';
import { canGrant, canRevoke } from '../../domain/access/canGrant';
import { checkPermission } from '../../domain/access/can';
import type { AccessDecision } from '../../domain/access/decision';
import type { RoleBinding } from '../../domain/access/roleBinding';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { requireIfMatch } from '../../domain/preconditions';
import type { RoleBindingRequest } from './roleBindingSchema';

export type RoleBindingView = z.infer<typeof roleBindingSchema>;

/** Decisions are returned to the handler, which records them in the audit trail and enforces them. */
export type Enforce = (decision: AccessDecision, permission: string, target: string) => AccessDecision;

export class RoleBindingService {
  constructor(private readonly access: AccessControl) {}

  async list(caller: Caller): Promise<RoleBindingView[]> {
    const bindings = await this.access.allBindings();
    return bindings
      .filter((binding) => checkPermission(caller, 'list', 'rolebindings', binding.scope, bindings, this.access.options).allowed)
      .map((binding) => this.view(binding))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  async get(caller: Caller, id: string, enforce: Enforce): Promise<{ binding: RoleBindingView; etag?: string }> {
    const bindings = await this.access.allBindings();
    const binding = bindings.find((b) => b.id.toLowerCase() === id.toLowerCase());
    if (!binding) throw new NotFoundError(`Role binding "${id}"`);
    enforce(checkPermission(caller, 'get', 'rolebindings', binding.scope, bindings, this.access.options), 'rolebindings.get', binding.scope);
    const stored = await this.access.bindings.get(id);
    return { binding: this.view(binding), ...(stored ? { etag: stored.etag } : {}) };
  }

  async put(
    caller: Caller,
    id: string,
    request: RoleBindingRequest,
    ifMatch: string | undefined,
    enforce: Enforce,
    now: Date,
  ): Promise<{ binding: RoleBindingView; etag: string; created: boolean }> {
    if (this.access.isBootstrapBinding(id)) {
      throw new ConflictError(`Role binding "${id}" comes from configuration and cannot be changed here.`, 'ReservedBinding');
    }
    const bindings = await this.access.allBindings();
    enforce(canGrant(caller, request, bindings, this.access.options), 'rolebindings.create', request.scope);
    const existing = await this.access.bindings.get(id);
    requireIfMatch(ifMatch, existing?.etag, `Role binding "${id}"`);
    const binding: RoleBinding = {
      id,
      subject: request.subject,
      role: request.role,
      scope: request.scope,
      createdBy: `${caller.tenantId}/${caller.objectId}`,
      createdAt: now.toISOString(),
    };
    if (!existing) {
      const stored = await this.access.bindings.create(binding);
      this.access.forgetCachedBindings();
      return { binding: this.view(binding), etag: stored.etag, created: true };
    }
    enforce(canRevoke(caller, existing.value, bindings, this.access.options), 'rolebindings.delete', existing.value.scope);
    const stored = await this.access.bindings.replace(binding, existing.etag);
    this.access.forgetCachedBindings();
    return { binding: this.view(binding), etag: stored.etag, created: false };
  }

  async delete(caller: Caller, id: string, ifMatch: string | undefined, enforce: Enforce): Promise<void> {
    if (this.access.isBootstrapBinding(id)) {
      throw new ConflictError(`Role binding "${id}" comes from configuration; remove it there.`, 'ReservedBinding');
    }
    const existing = await this.access.bindings.get(id);
    if (!existing) throw new NotFoundError(`Role binding "${id}"`);
    requireIfMatch(ifMatch, existing.etag, `Role binding "${id}"`);
    const bindings = await this.access.allBindings();
    enforce(canRevoke(caller, existing.value, bindings, this.access.options), 'rolebindings.delete', existing.value.scope);
    await this.access.bindings.delete(id, existing.etag);
    this.access.forgetCachedBindings();
  }

  private view(binding: RoleBinding): RoleBindingView {
    return { ...binding, source: this.access.isBootstrapBinding(binding.id) ? 'configuration' : 'stored' };
  }
}
