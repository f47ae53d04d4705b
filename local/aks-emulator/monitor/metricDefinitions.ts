import type { MetricDefinition } from './metricCatalogue';
import { METRICS, METRIC_NAMESPACE } from './metricCatalogue';

/** The `metricDefinitions` list of a managed cluster (a namespace's), shaped like Azure Monitor's (MetricDefinitions_List). */
export function renderMetricDefinitions(resourceId: string, metrics: readonly MetricDefinition[] = METRICS, namespace = METRIC_NAMESPACE): { value: Record<string, unknown>[] } {
  return {
    value: metrics.map((metric) => ({
      id: `${resourceId}/providers/microsoft.insights/metricdefinitions/${metric.name}`,
      resourceId,
      namespace,
      name: { value: metric.name, localizedValue: metric.displayName },
      displayDescription: metric.description,
      category: metric.category,
      isDimensionRequired: false,
      unit: metric.unit,
      primaryAggregationType: 'Average',
      supportedAggregationTypes: ['None', 'Average', 'Minimum', 'Maximum', 'Total', 'Count'],
      metricAvailabilities: metric.timeGrains.map((timeGrain) => ({ timeGrain, retention: 'P93D' })),
      dimensions: metric.dimensions.map((d) => ({ value: d, localizedValue: d })),
    })),
  };
}
