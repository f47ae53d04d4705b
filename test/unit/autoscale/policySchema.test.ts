import { describe, expect, it } from 'vitest';
import {
  autoscalePolicySchema,
  fleetAutoscalePolicySchema,
  poolModeIssues,
} from '../../../shared/domain/autoscale/policy';
import { formatPath } from '../../../shared/platform/http/validation';

const base = { minNodes: 1, maxNodes: 5, targets: { cpuUtilizationPercent: 60 } };
const nightly = { name: 'night', cron: '0 0 20 * * *', timeZone: 'Europe/Berlin', durationMinutes: 660 };

function fieldsOf(schema: typeof autoscalePolicySchema | typeof fleetAutoscalePolicySchema, body: unknown): string[] {
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => formatPath(issue.path));
}

describe('the autoscale policy schema', () => {
  it('fills the defaults: enabled, Enforce, no schedules', () => {
    expect(autoscalePolicySchema.parse(base)).toEqual({ ...base, enabled: true, mode: 'Enforce', schedules: [] });
  });

  it.each([
    ['min above max', { ...base, minNodes: 6 }, ['minNodes']],
    ['max above AKS\'s 1000', { ...base, maxNodes: 1001 }, ['maxNodes']],
    ['max 0', { ...base, minNodes: 0, maxNodes: 0 }, ['maxNodes']],
    ['no target at all', { ...base, targets: {} }, ['targets']],
    ['a percent over 100', { ...base, targets: { memoryUtilizationPercent: 120 } }, ['targets.memoryUtilizationPercent']],
    ['a custom metric with both targets', { ...base, targets: { customMetric: { name: 'queue', targetValue: 1, targetAverageValue: 2 } } }, ['targets.customMetric.targetValue']],
    ['a Log Analytics query without summarize', { ...base, targets: { logAnalyticsMetric: { query: 'KubePodInventory | take 1', targetValue: 1 } } }, ['targets.logAnalyticsMetric.query']],
    ['a 5-field cron', { ...base, schedules: [{ ...nightly, cron: '0 20 * * *', action: { type: 'ScaleToZero' } }] }, ['schedules[0].cron']],
    ['an unknown time zone', { ...base, schedules: [{ ...nightly, timeZone: 'Mars/Olympus', action: { type: 'ScaleToZero' } }] }, ['schedules[0].timeZone']],
    ['a window of 0 minutes', { ...base, schedules: [{ ...nightly, durationMinutes: 0, action: { type: 'ScaleToZero' } }] }, ['schedules[0].durationMinutes']],
    ['an override with min above max', { ...base, schedules: [{ ...nightly, action: { type: 'OverrideRange', minNodes: 4, maxNodes: 2 } }] }, ['schedules[0].action.minNodes']],
    ['an override with neither bound', { ...base, schedules: [{ ...nightly, action: { type: 'OverrideRange' } }] }, ['schedules[0].action.minNodes']],
    ['a schedule name used twice', { ...base, schedules: [{ ...nightly, action: { type: 'ScaleToZero' } }, { ...nightly, action: { type: 'StopCluster' } }] }, ['schedules[1].name']],
    ['a behavior window over the HPA\'s 3600 s', { ...base, behavior: { scaleDown: { stabilizationWindowSeconds: 3601 } } }, ['behavior.scaleDown.stabilizationWindowSeconds']],
    ['an unknown select policy', { ...base, behavior: { scaleUp: { selectPolicy: 'Sometimes' } } }, ['behavior.scaleUp.selectPolicy']],
  ])('names the bad field: %s', (_case, body, fields) => {
    expect(fieldsOf(autoscalePolicySchema, body)).toEqual(fields);
  });

  it('names every bad field at once', () => {
    const body = { ...base, minNodes: 9, targets: { cpuUtilizationPercent: 0 }, schedules: [{ ...nightly, timeZone: 'Nowhere', action: { type: 'ScaleToZero' } }] };
    expect(fieldsOf(autoscalePolicySchema, body).sort()).toEqual(['minNodes', 'schedules[0].timeZone', 'targets.cpuUtilizationPercent']);
  });

  it('a System pool may not go to zero: minNodes 0, ScaleToZero and a zero override are named', () => {
    const policy = autoscalePolicySchema.parse({
      ...base,
      minNodes: 0,
      schedules: [
        { ...nightly, action: { type: 'ScaleToZero' } },
        { ...nightly, name: 'weekend', action: { type: 'OverrideRange', minNodes: 0, maxNodes: 1 } },
      ],
    });
    expect(poolModeIssues(policy, 'System').map((issue) => issue.path)).toEqual(['minNodes', 'schedules[0].action.type', 'schedules[1].action.minNodes']);
    expect(poolModeIssues(policy, 'User')).toEqual([]);
  });

  it('a fleet policy may hold zero-node rules only when its selector picks User pools', () => {
    const body = { ...base, minNodes: 0, schedules: [{ ...nightly, action: { type: 'ScaleToZero' } }] };
    expect(fieldsOf(fleetAutoscalePolicySchema, body)).toEqual(['minNodes', 'schedules[0].action.type']);
    expect(fieldsOf(fleetAutoscalePolicySchema, { ...body, selector: { poolMode: 'User' } })).toEqual([]);
    expect(fieldsOf(fleetAutoscalePolicySchema, { ...base, selector: { resourceGroup: 'rg' } })).toEqual(['selector.resourceGroup']);
  });
});
