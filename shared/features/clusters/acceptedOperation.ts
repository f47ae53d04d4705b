import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { acceptedResponse, type ArmPoller, type ArmResponseObserver, type ExpectedOutcome } from '../operations';
import type { ClusterDependencies } from './clusterDependencies';
import type { ApiResponse, WriteContext } from '../../platform/http/requestContext';

export interface ArmChange {
  /** What was asked, e.g. createCluster, deleteNodePool. */
  kind: string;
  /** ARM id of the resource that changes. */
  target: string;
  subscriptionId: string;
  /** Sends the ARM request with the options given (correlation header, If-Match). */
  submit: (client: ContainerServiceClient, options: ArmRequestOptions) => ArmPoller;
  /** How the target looks once ARM has taken the change: how it is found again if ARM's answer is lost. */
  expectedOutcome: ExpectedOutcome;
}

export interface ArmRequestOptions {
  requestOptions: { headers: Record<string, string> };
  /** Lets the operation runner read ARM's answer (its Retry-After). */
  onResponse: ArmResponseObserver;
}

/**
 * Starts the change through the durable operation runner (the record exists before ARM is called, and the
 * SDK's poller state is stored once ARM accepts) and answers 202 with where to poll.
 */
export async function startArmChange(deps: ClusterDependencies, context: WriteContext, change: ArmChange): Promise<ApiResponse> {
  const headers = { 'x-ms-correlation-request-id': context.correlationId };
  const record = await deps.operations.start({
    kind: change.kind,
    target: change.target,
    subscriptionId: change.subscriptionId,
    correlationId: context.correlationId,
    createdBy: `${context.caller.tenantId}/${context.caller.objectId}`,
    submit: (client, onResponse) => change.submit(client, { requestOptions: { headers }, onResponse }),
    expectedOutcome: change.expectedOutcome,
    ...(context.onOperationRecorded ? { onRecorded: context.onOperationRecorded } : {}),
  });
  // This process's own change moves the subscription's vCPU usage: its next preflight reads Compute again.
  deps.capacities.forgetSubscription(change.subscriptionId);
  return acceptedResponse(record, context.operationUrl(record.id));
}
