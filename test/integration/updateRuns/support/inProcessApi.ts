import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import type { Fleetplane } from '../../../../shared/app';
import type { UpdateRun } from '../../../../shared/features/updateRuns/updateRunDocument';

export interface ApiAnswer {
  status: number;
  body: UpdateRun;
  headers: Record<string, string>;
}

/** Calls an update-run HTTP handler in process (no host), as the Functions worker would, with a bearer token. */
export async function callUpdateRunsApi(app: Fleetplane, token: string, operationId: string, url: string, params: Record<string, string>, body?: unknown): Promise<ApiAnswer> {
  const request = new HttpRequest({
    method: operationId.startsWith('get') ? 'GET' : 'POST',
    url: `http://127.0.0.1:7071/api/${url}`,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    params,
    ...(body === undefined ? {} : { body: { string: JSON.stringify(body) } }),
  });
  const response = (await app.updateRuns.http[operationId]!(request, new InvocationContext({ functionName: operationId }))) as HttpResponseInit;
  return { status: response.status ?? 200, body: response.jsonBody as UpdateRun, headers: (response.headers ?? {}) as Record<string, string> };
}
