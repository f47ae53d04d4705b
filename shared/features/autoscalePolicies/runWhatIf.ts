import type { WhatIfRequest } from '../../domain/autoscale/whatIf/whatIfSchema';
import { replayWhatIf, type WhatIfResult } from '../../domain/autoscale/whatIf';
import type { ReadContext } from '../../platform/http/requestContext';
import { FLEET_POLICY_SCOPE } from './fleetPolicyService';
import { validatePoolPolicy } from './policyValidation';
import { effectivePolicyOf } from '../../domain/autoscale/policy';
import { ScheduleTimeline } from './scheduleTimeline';

/** `POST /api/autoscale/whatIf`: the policy checked as a PUT would check it, then replayed with its schedules. */
export async function runWhatIf(context: ReadContext, request: WhatIfRequest): Promise<WhatIfResult> {
  await context.authorize('clusters/autoscalepolicies', 'get', FLEET_POLICY_SCOPE);
  validatePoolPolicy(request.policy, request.pool.mode);
  const selected = { source: { kind: 'pool' as const }, policy: request.policy };
  const timeline = new ScheduleTimeline(request.policy.schedules);
  return replayWhatIf(request, (at) => effectivePolicyOf(selected, timeline.openWindowsAt(at).map((window) => window.schedule)));
}
