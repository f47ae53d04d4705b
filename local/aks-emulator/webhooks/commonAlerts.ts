import { randomUUID } from 'node:crypto';
import { clusterResourceId, type ClusterState } from '../model';
import { eventGridTime } from './eventEnvelopes';

export type AlertSignal = 'Metric' | 'Log';

/** One alert instance: the same alertId is fired and later resolved. */
export interface AlertInstance {
  alertId: string;
  alertRule: string;
  severity: string;
  signalType: AlertSignal;
  firedAt: string;
  cluster: Pick<ClusterState, 'subscriptionId' | 'resourceGroup' | 'name'>;
}

export function newAlertInstance(cluster: AlertInstance['cluster'], alertRule: string, severity: string, signalType: AlertSignal, firedAt: string): AlertInstance {
  return { alertId: `/subscriptions/${cluster.subscriptionId}/providers/Microsoft.AlertsManagement/alerts/${randomUUID()}`, alertRule, severity, signalType, firedAt, cluster };
}

/**
 * The common alert schema payload an action group posts (monitor-alerts fixtures): targets lower-cased as in the
 * samples, a metric alert's context or a log search alert's (v2) context.
 */
export function commonAlertPayload(alert: AlertInstance, condition: 'Fired' | 'Resolved', resolvedAt?: string): unknown {
  const target = clusterResourceId(alert.cluster).toLowerCase();
  const ruleKind = alert.signalType === 'Metric' ? 'metricAlerts' : 'scheduledQueryRules';
  return {
    schemaId: 'azureMonitorCommonAlertSchema',
    data: {
      essentials: {
        alertId: alert.alertId,
        alertRule: alert.alertRule,
        alertRuleId: `/subscriptions/${alert.cluster.subscriptionId}/resourceGroups/${alert.cluster.resourceGroup}/providers/microsoft.insights/${ruleKind}/${alert.alertRule}`,
        severity: alert.severity,
        signalType: alert.signalType,
        monitorCondition: condition,
        monitoringService: alert.signalType === 'Metric' ? 'Platform' : 'Log Alerts V2',
        alertTargetIDs: [target],
        configurationItems: [alert.cluster.name],
        originAlertId: `${randomUUID()}_${alert.cluster.resourceGroup}_microsoft.insights_${ruleKind}_${alert.alertRule}`,
        firedDateTime: eventGridTime(alert.firedAt),
        ...(resolvedAt === undefined ? {} : { resolvedDateTime: eventGridTime(resolvedAt) }),
        description: '',
        essentialsVersion: '1.0',
        alertContextVersion: '1.0',
      },
      alertContext: alert.signalType === 'Metric' ? metricContext(target) : logContext(alert.firedAt),
      customProperties: null,
    },
  };
}

function metricContext(target: string): Record<string, unknown> {
  return {
    properties: null,
    conditionType: 'SingleResourceMultipleMetricCriteria',
    condition: {
      windowSize: 'PT5M',
      allOf: [
        {
          metricName: 'node_cpu_usage_percentage',
          metricNamespace: 'Microsoft.ContainerService/managedClusters',
          operator: 'GreaterThan',
          threshold: '80',
          timeAggregation: 'Average',
          dimensions: [{ name: 'ResourceId', value: target }],
          metricValue: 91.2,
        },
      ],
    },
  };
}

function logContext(firedAt: string): Record<string, unknown> {
  const end = new Date(firedAt);
  const start = new Date(end.getTime() - 10 * 60_000);
  return {
    properties: {},
    conditionType: 'LogQueryCriteria',
    condition: {
      windowSize: 'PT10M',
      allOf: [
        {
          searchQuery: 'KubePodInventory | where PodStatus == "Pending"',
          metricMeasureColumn: null,
          targetResourceTypes: "['Microsoft.ContainerService/managedClusters']",
          operator: 'GreaterThan',
          threshold: '0',
          timeAggregation: 'Count',
          dimensions: [],
          metricValue: 3.0,
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
        },
      ],
      windowStartTime: start.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      windowEndTime: end.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
  };
}
