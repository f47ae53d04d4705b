import { deleteRoleBinding, getRoleBinding, listAuditEvents, listRoleBindings, putRoleBinding, whoAmI } from './accessApi';
import type { ApiOperation } from './apiOperation';
import {
  deleteCluster,
  getCluster,
  getUpgradeProfile,
  listKubernetesVersions,
  patchCluster,
  putCluster,
  startCluster,
  stopCluster,
} from './clustersApi';
import { getGuardrails, putGuardrails } from './guardrailsApi';
import { getHealth } from './healthApi';
import { listClusters, syncInventory } from './inventoryApi';
import { deleteNodePool, getNodePool, listNodePools, patchNodePool, putNodePool } from './nodePoolsApi';
import { getOpenApiDocument } from './openApiApi';
import { getOperation } from './operationsApi';
import { getVersionSupportCalendar, putVersionSupportCalendar } from './versionSupportCalendarApi';

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
  putCluster,
  getCluster,
  patchCluster,
  deleteCluster,
  startCluster,
  stopCluster,
  getUpgradeProfile,
  listNodePools,
  getNodePool,
  putNodePool,
  patchNodePool,
  deleteNodePool,
  listKubernetesVersions,
  getOperation,
  getGuardrails,
  putGuardrails,
  getVersionSupportCalendar,
  putVersionSupportCalendar,
];
