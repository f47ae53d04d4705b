import { poolModeIssues, type AutoscalePolicy, type FleetAutoscalePolicy } from '../../domain/autoscale/policy';
import { ValidationError, type FieldIssue } from '../../domain/errors';
import { scheduleCronIssues } from './scheduleWindows';

function throwIfAny(issues: FieldIssue[], what: string): void {
  if (issues.length === 0) return;
  const fields = [...new Set(issues.map((issue) => issue.path))].join(', ');
  throw new ValidationError(`The ${what} is invalid: ${fields}.`, issues);
}

/** What the schema cannot know: the cron library's verdict and the pool's mode (System pools keep a node). */
export function validatePoolPolicy(policy: AutoscalePolicy, poolMode: 'System' | 'User'): void {
  throwIfAny([...scheduleCronIssues(policy.schedules), ...poolModeIssues(policy, poolMode)], 'request body');
}

export function validateFleetPolicy(policy: FleetAutoscalePolicy): void {
  throwIfAny(scheduleCronIssues(policy.schedules), 'request body');
}
