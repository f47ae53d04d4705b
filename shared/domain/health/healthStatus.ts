/**
 * A cluster's overall health. Ordered by how much it asks of an operator: Unknown ranks above Healthy (nobody may
 * call a cluster healthy without its metrics) and below Degraded (a known problem says more than missing data).
 */
export const HEALTH_STATUSES = ['Healthy', 'Unknown', 'Degraded', 'Unhealthy'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export function healthRank(status: HealthStatus): number {
  return HEALTH_STATUSES.indexOf(status);
}

export function worstStatus(statuses: Iterable<HealthStatus>): HealthStatus {
  let worst: HealthStatus = 'Healthy';
  for (const status of statuses) if (healthRank(status) > healthRank(worst)) worst = status;
  return worst;
}
