import { z } from 'zod';
import type { ArmTargetState } from '../../platform/arm/armTargets';
import { fingerprintMatches } from '../../platform/arm/resourceFingerprint';

/**
 * What the target looks like once ARM has taken the change, stored with the operation before ARM is called:
 * when ARM's answer is lost (host killed, deadline), this is how the change is recognised in Azure and adopted.
 */
export const expectedOutcomeSchema = z.discriminatedUnion('kind', [
  /** A PUT: the resource holds every setting the body stated. */
  z.object({ kind: z.literal('matches'), fingerprint: z.record(z.string(), z.string()) }),
  z.object({ kind: z.literal('deleted') }),
  z.object({ kind: z.literal('powerState'), code: z.enum(['Running', 'Stopped']) }),
]);
export type ExpectedOutcome = z.infer<typeof expectedOutcomeSchema>;

/** Where the change stands in Azure: not there, still being applied, or ended with ARM's provisioning state. */
export type OutcomeInAzure = 'absent' | 'inProgress' | 'Succeeded' | 'Failed' | 'Canceled';

const TERMINAL_PROVISIONING = new Set(['Succeeded', 'Failed', 'Canceled']);
const POWER_TRANSITION = { Running: 'Starting', Stopped: 'Stopping' } as const;

export function outcomeInAzure(expected: ExpectedOutcome, target: ArmTargetState | undefined): OutcomeInAzure {
  switch (expected.kind) {
    case 'deleted':
      if (!target) return 'Succeeded';
      return target.provisioningState === 'Deleting' ? 'inProgress' : 'absent';
    case 'matches':
      if (!target || !fingerprintMatches(expected.fingerprint, target.fingerprint)) return 'absent';
      return byProvisioningState(target.provisioningState);
    case 'powerState':
      if (!target) return 'absent';
      if (target.provisioningState === POWER_TRANSITION[expected.code]) return 'inProgress';
      return target.powerState === expected.code ? byProvisioningState(target.provisioningState) : 'absent';
  }
}

function byProvisioningState(state: string | undefined): OutcomeInAzure {
  if (state === undefined) return 'Succeeded';
  return TERMINAL_PROVISIONING.has(state) ? (state as 'Succeeded' | 'Failed' | 'Canceled') : 'inProgress';
}
