import { accessOperations } from '../access';
import { auditOperations } from '../audit';
import { autoscaleOperations } from '../autoscale';
import { autoscalePolicyOperations } from '../autoscalePolicies';
import { clusterHealthOperations } from '../clusterHealth';
import { clusterOperations, kubernetesVersionOperations, nodePoolOperations } from '../clusters';
import { guardrailsOperations, versionSupportCalendarOperations } from '../guardrails';
import { healthOperations } from '../health';
import { inventoryOperations } from '../inventory';
import { logsOperations } from '../logs';
import { operationsOperations } from '../operations';
import { webhookOperations } from '../webhooks';
import { updateRunOperations } from '../updateRuns';
import { webhookEventsOperations } from '../webhookEvents';
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
  ...webhookOperations,
  ...updateRunOperations,
  ...autoscalePolicyOperations,
  ...autoscaleOperations,
  ...webhookEventsOperations,
];
