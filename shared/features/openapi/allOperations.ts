import { accessOperations } from '../access';
import { auditOperations } from '../audit';
import { clusterHealthOperations } from '../clusterHealth';
import { clusterOperations, kubernetesVersionOperations, nodePoolOperations } from '../clusters';
import { guardrailsOperations, versionSupportCalendarOperations } from '../guardrails';
import { healthOperations } from '../health';
import { inventoryOperations } from '../inventory';
import { logsOperations } from '../logs';
import { operationsOperations } from '../operations';
import { updateRunOperations } from '../updateRuns';
import type { ApiOperation } from '../../platform/http/apiOperation';
import { openApiOperations } from './openapi.api';

/** Every operation the API serves; the OpenAPI document and the registration contract test read this list. */
export const allOperations: ApiOperation[] = [
  ...healthOperations,
  ...openApiOperations,
  ...accessOperations,
  ...auditOperations,
  ...inventoryOperations,
  ...clusterOperations,
  ...nodePoolOperations,
  ...kubernetesVersionOperations,
  ...logsOperations,
  ...clusterHealthOperations,
  ...operationsOperations,
  ...guardrailsOperations,
  ...versionSupportCalendarOperations,
  ...updateRunOperations,
];
