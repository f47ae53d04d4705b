import type { TableClient } from '@azure/data-tables';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import type { Settings } from '../../platform/settings/settings';
import { accessHttpHandlers } from './access.http';
import { AccessControl } from './accessControl';
import { RoleBindingStore } from './roleBindingStore';

export { accessOperations } from './access.api';
export { AccessControl } from './accessControl';
export { RoleBindingStore } from './roleBindingStore';

/** Who may call (tokens) and what they may do (role bindings): the control the HTTP pipeline asks, and its API. */
export interface AccessModule {
  control: AccessControl;
  http: HttpHandlers;
}

export function buildAccessControl(deps: { settings: Settings; roleBindingsTable: TableClient }): AccessControl {
  return new AccessControl(deps.settings, new RoleBindingStore(deps.roleBindingsTable));
}

export function buildAccess(deps: { control: AccessControl; http: HttpPipeline }): AccessModule {
  return { control: deps.control, http: accessHttpHandlers(deps.http, deps.control) };
}
