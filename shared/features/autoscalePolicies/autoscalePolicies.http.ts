import { etagHeader } from '../../platform/http/etags';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import type { Stored } from '../../platform/storage/tableRepository';
import {
  deleteFleetAutoscalePolicy,
  deletePoolAutoscalePolicy,
  getFleetAutoscalePolicy,
  getPoolAutoscalePolicy,
  listFleetAutoscalePolicies,
  putFleetAutoscalePolicy,
  putPoolAutoscalePolicy,
} from './autoscalePolicies.api';
import { deleteFleetPolicy, getFleetPolicy, listFleetPolicies, putFleetPolicy } from './fleetPolicyService';
import { runWhatIf } from './runWhatIf';
import { runAutoscaleWhatIf } from './whatIf.api';
import { deletePoolPolicy, getPoolPolicy, putPoolPolicy, type PoolPolicyDependencies } from './poolPolicyService';

const ifMatchOf = (request: { headers: { get(name: string): string | null } }) => request.headers.get('if-match') ?? undefined;

function answer<T>(stored: Stored<T>, status = 200) {
  return { status, jsonBody: stored.value, headers: etagHeader(stored.etag) };
}

export function autoscalePolicyHttpHandlers(http: HttpPipeline, deps: PoolPolicyDependencies): HttpHandlers {
  const { store } = deps;
  return {
    [getPoolAutoscalePolicy.operationId]: http.handle(getPoolAutoscalePolicy, async ({ authorize, params }) =>
      answer(await getPoolPolicy(deps, { authorize }, params)),
    ),
    [putPoolAutoscalePolicy.operationId]: http.handle(putPoolAutoscalePolicy, async ({ authorize, caller, params, body, request }) => {
      const { stored, created } = await putPoolPolicy(deps, { authorize, caller }, params, body, ifMatchOf(request));
      if (stored.value.policy.enabled) await deps.policyEnabled();
      return answer(stored, created ? 201 : 200);
    }),
    [deletePoolAutoscalePolicy.operationId]: http.handle(deletePoolAutoscalePolicy, async ({ authorize, params, request }) => {
      await deletePoolPolicy(deps, { authorize }, params, ifMatchOf(request));
      return { status: 204 };
    }),
    [listFleetAutoscalePolicies.operationId]: http.handle(listFleetAutoscalePolicies, async ({ authorize }) => ({
      status: 200,
      jsonBody: { value: (await listFleetPolicies(store, { authorize })).map((row) => row.value) },
    })),
    [getFleetAutoscalePolicy.operationId]: http.handle(getFleetAutoscalePolicy, async ({ authorize, params }) =>
      answer(await getFleetPolicy(store, { authorize }, params.name)),
    ),
    [putFleetAutoscalePolicy.operationId]: http.handle(putFleetAutoscalePolicy, async ({ authorize, caller, params, body, request }) => {
      const { stored, created } = await putFleetPolicy(deps, { authorize, caller }, params.name, body, ifMatchOf(request));
      if (stored.value.policy.enabled) await deps.policyEnabled();
      return answer(stored, created ? 201 : 200);
    }),
    [deleteFleetAutoscalePolicy.operationId]: http.handle(deleteFleetAutoscalePolicy, async ({ authorize, params, request }) => {
      await deleteFleetPolicy(store, { authorize }, params.name, ifMatchOf(request));
      return { status: 204 };
    }),
    [runAutoscaleWhatIf.operationId]: http.handle(runAutoscaleWhatIf, async ({ authorize, body }) => ({
      status: 200,
      jsonBody: await runWhatIf({ authorize }, body),
    })),
  };
}
