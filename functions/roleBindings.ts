import { app } from '@azure/functions';
import { deleteRoleBinding, getRoleBinding, listRoleBindings, putRoleBinding } from '../shared/features/access/access.api';
import { services } from '../shared/app';
import { handleHttp, httpTriggerOf } from '../shared/platform/http/handleHttp';
import { RoleBindingService } from '../shared/features/access/roleBindingService';

const bindings = () => new RoleBindingService(services().access);
const etagHeader = (etag: string | undefined): Record<string, string> => (etag ? { etag } : {});

export const listRoleBindingsHandler = handleHttp(listRoleBindings, async ({ caller }) => ({
  status: 200,
  jsonBody: { value: await bindings().list(caller) },
}));

export const getRoleBindingHandler = handleHttp(getRoleBinding, async ({ caller, params, enforce }) => {
  const { binding, etag } = await bindings().get(caller, params.id, enforce);
  return { status: 200, jsonBody: binding, headers: etagHeader(etag) };
});

export const putRoleBindingHandler = handleHttp(putRoleBinding, async ({ caller, params, body, request, enforce }) => {
  const ifMatch = request.headers.get('if-match') ?? undefined;
  const result = await bindings().put(caller, params.id, body, ifMatch, enforce, new Date());
  return { status: result.created ? 201 : 200, jsonBody: result.binding, headers: etagHeader(result.etag) };
});

export const deleteRoleBindingHandler = handleHttp(deleteRoleBinding, async ({ caller, params, request, enforce }) => {
  await bindings().delete(caller, params.id, request.headers.get('if-match') ?? undefined, enforce);
  return { status: 204 };
});

app.http(listRoleBindings.operationId, { ...httpTriggerOf(listRoleBindings), handler: listRoleBindingsHandler });
app.http(getRoleBinding.operationId, { ...httpTriggerOf(getRoleBinding), handler: getRoleBindingHandler });
app.http(putRoleBinding.operationId, { ...httpTriggerOf(putRoleBinding), handler: putRoleBindingHandler });
app.http(deleteRoleBinding.operationId, { ...httpTriggerOf(deleteRoleBinding), handler: deleteRoleBindingHandler });
