import { z } from 'zod';
import { MAX_KQL_LENGTH, MAX_METRIC_NAME_LENGTH } from './limits';
import { logAnalyticsQueryProblem } from './logAnalyticsQuery';

/** Azure Monitor's namespace of the managed cluster's platform metrics. */
export const CLUSTER_METRIC_NAMESPACE = 'Microsoft.ContainerService/managedClusters';

const percentSchema = z.int().min(1).max(100);

/** A value compared with the metric as a total (`targetValue`) or per node (`targetAverageValue`): exactly one. */
const metricTargetFields = {
  targetValue: z.number().gt(0).max(1e12).optional().describe('The pool is sized so the metric equals this total.'),
  targetAverageValue: z
    .number()
    .gt(0)
    .max(1e12)
    .optional()
    .describe('The pool is sized so the metric divided by the node count equals this.'),
};

function exactlyOneTarget(value: { targetValue?: number | undefined; targetAverageValue?: number | undefined }): boolean {
  return (value.targetValue === undefined) !== (value.targetAverageValue === undefined);
}

const oneTargetMessage = { error: 'set exactly one of targetValue and targetAverageValue', path: ['targetValue'] };

export const logAnalyticsMetricSchema = z
  .object({
    query: z
      .string()
      .min(1)
      .max(MAX_KQL_LENGTH)
      .superRefine((query, context) => {
        const problem = logAnalyticsQueryProblem(query);
        if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
      })
      .describe(
        'KQL over the cluster\'s Container Insights workspace: a table, then `|` and any operators, ending in `| summarize value = … by _ResourceId, NodePool` (one number per cluster and pool). The cycle inserts `| where _ResourceId in~ (…)` after the table and runs it over the last 5 minutes.',
      ),
    ...metricTargetFields,
  })
  .refine(exactlyOneTarget, oneTargetMessage)
  .meta({ description: 'A Log Analytics metric the pool follows.' });

export const customMetricSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(MAX_METRIC_NAME_LENGTH)
      .regex(/^[A-Za-z][-A-Za-z0-9_./]*$/, 'must start with a letter; letters, digits, - _ . /')
      .describe('An Azure Monitor metric of the managed cluster (a platform metric such as `node_cpu_usage_millicores`, or a custom metric of `namespace`): its latest one-minute average in the last 5 minutes.'),
    namespace: z
      .string()
      .min(1)
      .max(MAX_METRIC_NAME_LENGTH)
      .regex(/^[A-Za-z][-A-Za-z0-9_./]*$/, 'must start with a letter; letters, digits, - _ . /')
      .optional()
      .describe(`The metric namespace (default ${CLUSTER_METRIC_NAMESPACE}, the platform metrics); a custom metric's own namespace otherwise.`),
    poolDimension: z
      .string()
      .min(1)
      .max(MAX_METRIC_NAME_LENGTH)
      .regex(/^[A-Za-z][-A-Za-z0-9_.]*$/, 'must start with a letter; letters, digits, - _ .')
      .optional()
      .describe('The metric\'s dimension that names the node pool (e.g. `nodepool`): the pool reads its own series. Without it the pool reads the cluster\'s value.'),
    ...metricTargetFields,
  })
  .refine(exactlyOneTarget, oneTargetMessage)
  .meta({ description: 'A custom metric the pool follows.' });

/** What a pool is sized for; the HPA combines them: the largest proposal wins. */
export const autoscaleTargetsSchema = z
  .object({
    cpuUtilizationPercent: percentSchema.optional().describe('Average node CPU utilisation to hold, %.'),
    memoryUtilizationPercent: percentSchema.optional().describe('Average node memory utilisation to hold, %.'),
    pendingPods: z
      .boolean()
      .optional()
      .describe('Add the nodes that pending pods need (binpacking on the pool\'s VM size), as the cluster autoscaler does.'),
    logAnalyticsMetric: logAnalyticsMetricSchema.optional(),
    customMetric: customMetricSchema.optional(),
  })
  .refine(
    (targets) =>
      targets.cpuUtilizationPercent !== undefined ||
      targets.memoryUtilizationPercent !== undefined ||
      targets.pendingPods === true ||
      targets.logAnalyticsMetric !== undefined ||
      targets.customMetric !== undefined,
    { error: 'set at least one target' },
  )
  .meta({ description: 'Targets the pool is sized for; the largest node count any of them asks for wins.' });

export type AutoscaleTargets = z.infer<typeof autoscaleTargetsSchema>;
export type LogAnalyticsMetric = z.infer<typeof logAnalyticsMetricSchema>;
export type CustomMetric = z.infer<typeof customMetricSchema>;
