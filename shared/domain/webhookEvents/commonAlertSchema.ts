import { z } from 'zod';
import { boundedDataSchema } from './boundedData';
import {
  MAX_ALERT_TARGETS,
  MAX_DATA_KEY_LENGTH,
  MAX_DATA_MEMBERS,
  MAX_RESOURCE_PATH_LENGTH,
  MAX_SHORT_TEXT_LENGTH,
  MAX_TEXT_LENGTH,
} from './inboundLimits';

export const COMMON_ALERT_SCHEMA_ID = 'azureMonitorCommonAlertSchema';
export const MONITOR_CONDITIONS = ['Fired', 'Resolved'] as const;
export type MonitorCondition = (typeof MONITOR_CONDITIONS)[number];

const resourcePath = z.string().max(MAX_RESOURCE_PATH_LENGTH);
const shortText = z.string().max(MAX_SHORT_TEXT_LENGTH);

/** `essentials` of Azure Monitor's common alert schema (alerts-common-schema); unknown members are dropped. */
const essentialsSchema = z.object({
  alertId: resourcePath.min(1),
  alertRule: z.string().max(MAX_RESOURCE_PATH_LENGTH),
  alertRuleID: resourcePath.optional(),
  alertRuleId: resourcePath.optional(),
  severity: shortText,
  signalType: shortText,
  monitorCondition: z.enum(MONITOR_CONDITIONS),
  monitoringService: shortText.optional(),
  alertTargetIDs: z.array(resourcePath).max(MAX_ALERT_TARGETS),
  configurationItems: z.array(resourcePath).max(MAX_ALERT_TARGETS).optional(),
  originAlertId: resourcePath.optional(),
  firedDateTime: shortText,
  resolvedDateTime: shortText.optional(),
  description: z.string().max(MAX_TEXT_LENGTH).optional(),
  essentialsVersion: shortText.optional(),
  alertContextVersion: shortText.optional(),
  targetResourceGroup: resourcePath.optional(),
  targetResourceType: resourcePath.optional(),
  investigationLink: resourcePath.optional(),
});

const customPropertiesSchema = z
  .record(z.string().max(MAX_DATA_KEY_LENGTH), z.string().max(MAX_TEXT_LENGTH))
  .refine((properties) => Object.keys(properties).length <= MAX_DATA_MEMBERS, {
    error: `at most ${MAX_DATA_MEMBERS} members`,
  })
  .meta({ maxProperties: MAX_DATA_MEMBERS });

/** What an action group's webhook posts with the common alert schema on: metric, log and activity-log alerts. */
export const commonAlertSchema = z
  .object({
    schemaId: z.literal(COMMON_ALERT_SCHEMA_ID),
    data: z.object({
      essentials: essentialsSchema,
      alertContext: boundedDataSchema.nullable().optional(),
      customProperties: customPropertiesSchema.nullable().optional(),
    }),
  })
  .meta({ id: 'CommonAlert', description: 'An Azure Monitor alert in the common alert schema.' });

export type CommonAlert = z.infer<typeof commonAlertSchema>;

/** The facts of an alert Fleetplane acts on. */
export const inboundAlertSchema = z.object({
  alertId: resourcePath.min(1),
  alertRule: z.string().max(MAX_RESOURCE_PATH_LENGTH),
  severity: shortText,
  signalType: shortText,
  monitorCondition: z.enum(MONITOR_CONDITIONS),
  firedAt: shortText,
  resolvedAt: shortText.optional(),
  /** The managed clusters among the alert's targets, canonical ids. */
  clusterResourceIds: z.array(resourcePath).max(MAX_ALERT_TARGETS),
});

export type InboundAlert = z.infer<typeof inboundAlertSchema>;
