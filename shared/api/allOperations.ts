import { deleteRoleBinding, getRoleBinding, listAuditEvents, listRoleBindings, putRoleBinding, whoAmI } from './accessApi';
import type { ApiOperation } from './apiOperation';
import { getHealth } from './healthApi';
import { listClusters, syncInventory } from './inventoryApi';
import { getOpenApiDocument } from './openApiApi';

/** Every operation the API serves; the OpenAPI document and the registration contract test read this list. */
export const allOperations: ApiOperation[] = [
  getHealth,
  getOpenApiDocument,
  whoAmI,
  listRoleBindings,
  getRoleBinding,
  putRoleBinding,
  deleteRoleBinding,
  listAuditEvents,
  listClusters,
  syncInventory,
];
