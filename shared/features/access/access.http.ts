import { bindingsHeldBy } from '../../domain/access/effectiveRole';
import { etagHeader } from '../../platform/http/etags';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { deleteRoleBinding, getRoleBinding, listRoleBindings, putRoleBinding, whoAmI } from './access.api';
import type { AccessControl } from './accessControl';
import { RoleBindingService } from './roleBindingService';

export function accessHttpHandlers(http: HttpPipeline, access: AccessControl): HttpHandlers {
  const bindings = new RoleBindingService(access);
  return {
    [whoAmI.operationId]: http.handle(whoAmI, async ({ caller }) => {
      const held = bindingsHeldBy(caller, await access.allBindings(), access.options);
      return {
        status: 200,
        jsonBody: {
          tenantId: caller.tenantId,
          objectId: caller.objectId,
          kind: caller.kind,
          ...(caller.displayName ? { displayName: caller.displayName } : {}),
          appRoles: [...caller.appRoles],
          groupsOverage: caller.groupsOverage,
          roles: held.map((h) => ({ role: h.role, scope: h.scope.id, bindingId: h.binding.id })),
        },
      };
    }),
    [listRoleBindings.operationId]: http.handle(listRoleBindings, async ({ caller }) => ({
      status: 200,
      jsonBody: { value: await bindings.list(caller) },
    })),
    [getRoleBinding.operationId]: http.handle(getRoleBinding, async ({ caller, params, enforce }) => {
      const { binding, etag } = await bindings.get(caller, params.id, enforce);
      return { status: 200, jsonBody: binding, headers: etagHeader(etag) };
    }),
    [putRoleBinding.operationId]: http.handle(putRoleBinding, async ({ caller, params, body, request, enforce }) => {
      const ifMatch = request.headers.get('if-match') ?? undefined;
      const result = await bindings.put(caller, params.id, body, ifMatch, enforce, new Date());
      return { status: result.created ? 201 : 200, jsonBody: result.binding, headers: etagHeader(result.etag) };
    }),
    [deleteRoleBinding.operationId]: http.handle(deleteRoleBinding, async ({ caller, params, request, enforce }) => {
      await bindings.delete(caller, params.id, request.headers.get('if-match') ?? undefined, enforce);
      return { status: 204 };
    }),
  };
}
