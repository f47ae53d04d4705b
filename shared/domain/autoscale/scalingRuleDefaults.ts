import type { ScalingPolicy, ScalingRules, SelectPolicy } from './types';

/** Scaling rules with every field the controller reads filled in. */
export interface ResolvedScalingRules {
  /** null only for scale-down, where the controller's downscale-stabilization flag (300 s) applies. */
  readonly stabilizationWindowSeconds: number | null;
  readonly selectPolicy: SelectPolicy;
  readonly policies: readonly ScalingPolicy[];
}

/** autoscaling/v2 defaults.go: per 15 s add the larger of 4 pods and 100 %; no scale-up stabilization. */
export const DEFAULT_SCALE_UP_RULES: ResolvedScalingRules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};

/** autoscaling/v2 defaults.go: remove up to 100 % per 15 s; the window comes from the controller flag. */
export const DEFAULT_SCALE_DOWN_RULES: ResolvedScalingRules = {
  stabilizationWindowSeconds: null,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

/** copyHPAScalingRules: each field the rule sets wins; an empty policy list is a set list (no policy). */
function withDefaults(
  rules: ScalingRules | null | undefined,
  defaults: ResolvedScalingRules,
): ResolvedScalingRules {
  return {
    stabilizationWindowSeconds: rules?.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    selectPolicy: rules?.selectPolicy ?? defaults.selectPolicy,
    policies: (rules?.policies ?? defaults.policies).map((policy) => ({ ...policy })),
  };
}

export const withScaleUpDefaults = (rules: ScalingRules | null | undefined): ResolvedScalingRules =>
  withDefaults(rules, DEFAULT_SCALE_UP_RULES);

export const withScaleDownDefaults = (rules: ScalingRules | null | undefined): ResolvedScalingRules =>
  withDefaults(rules, DEFAULT_SCALE_DOWN_RULES);
