import { deleteRoleBinding, getRoleBinding, listAuditEvents, listRoleBindings, putRoleBinding, whoAmI } from '../access/access.api';
import type { ApiOperation } from '../../platform/http/apiOperation';
import {
  deleteCluster,
  getCluster,
  getUpgradeProfile,
  listKubernetesVersions,
  patchCluster,
  putCluster,
  startCluster,
  stopCluster,
} from '../clusters/clusters.api';
import { getGuardrails, putGuardrails } from '../guardrails/guardrails.api';
import { getHealth } from '../health/health.api';
import { listClusters, syncInventory } from '../inventory/inventory.api';
import { deleteNodePool, getNodePool, listNodePools, patchNodePool, putNodePool } from '../clusters/nodePools.api';
import { getOpenApiDocument } from './openapi.api';
import { getOperation } from '../operations/operations.api';
import { getVersionSupportCalendar, putVersionSupportCalendar } from '../guardrails/versionSupportCalendar.api';

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
