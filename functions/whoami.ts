import { app } from '@azure/functions';
import { whoAmI } from '../shared/features/access/access.api';
import { services } from '../shared/app';
import { bindingsHeldBy } from '../shared/domain/access/effectiveRole';
import { handleHttp, httpTriggerOf } from '../shared/platform/http/handleHttp';

export const whoAmIHandler = handleHttp(whoAmI, async ({ caller }) => {
  const { access } = services();
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
});

app.http(whoAmI.operationId, { ...httpTriggerOf(whoAmI), handler: whoAmIHandler });
