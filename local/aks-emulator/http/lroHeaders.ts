import type { OperationRecord } from '../engine/operations';

export interface UrlContext {
  publicBaseUrl: string;
  retryAfterSeconds?: number;
}

function operationUrl(ctx: UrlContext, op: OperationRecord, kind: 'operations' | 'operationresults', apiVersion: string): string {
  return `${ctx.publicBaseUrl}/subscriptions/${op.subscriptionId}/providers/Microsoft.ContainerService/locations/${op.location}/${kind}/${op.id}?api-version=${apiVersion}`;
}

/** Azure-AsyncOperation (status) plus, when asked, Location (operationresults), as AKS sends on LRO responses. */
export function lroHeaders(ctx: UrlContext, op: OperationRecord, apiVersion: string, withLocation: boolean): Record<string, string> {
  const headers: Record<string, string> = { 'azure-asyncoperation': operationUrl(ctx, op, 'operations', apiVersion) };
  if (withLocation) headers['location'] = operationUrl(ctx, op, 'operationresults', apiVersion);
  if (ctx.retryAfterSeconds !== undefined) headers['retry-after'] = String(ctx.retryAfterSeconds);
  return headers;
}

export function operationResultsUrl(ctx: UrlContext, op: OperationRecord, apiVersion: string): string {
  return operationUrl(ctx, op, 'operationresults', apiVersion);
}
