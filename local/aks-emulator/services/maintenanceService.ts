import { badRequest, subResourceNotFound } from '../errors';
import type { ClusterState, MaintenanceConfigurationState } from '../model';
import type { Fleet } from '../engine/fleet';
import { asNumber, asObject, asString, isObject, requireBodyObject } from './requestShapes';

export const MAINTENANCE_CONFIG_NAMES = ['default', 'aksManagedAutoUpgradeSchedule', 'aksManagedNodeOSUpgradeSchedule'] as const;

export function canonicalConfigName(name: string): string {
  const match = MAINTENANCE_CONFIG_NAMES.find((n) => n.toLowerCase() === name.toLowerCase());
  if (match === undefined) {
    throw badRequest(
      'InvalidParameter',
      `The value of parameter configName '${name}' is invalid. Maintenance configuration name must be one of: ${MAINTENANCE_CONFIG_NAMES.join(', ')}.`,
      'configName',
    );
  }
  return match;
}

export function findConfig(cluster: ClusterState, name: string): MaintenanceConfigurationState | undefined {
  return cluster.maintenanceConfigurations.find((c) => c.name.toLowerCase() === name.toLowerCase());
}

export function requireConfig(cluster: ClusterState, name: string): MaintenanceConfigurationState {
  const config = findConfig(cluster, name);
  if (!config) throw subResourceNotFound('Maintenance configuration', name, cluster.name);
  return config;
}

const SCHEDULE_KINDS = ['daily', 'weekly', 'absoluteMonthly', 'relativeMonthly'];

/** Schema checks from upgrades.md §4.2. */
export function validateMaintenanceWindow(configName: string, properties: Record<string, unknown>): void {
  const window = properties['maintenanceWindow'];
  if (!isObject(window)) {
    if (configName === 'default' && (properties['timeInWeek'] !== undefined || properties['notAllowedTime'] !== undefined)) return;
    throw badRequest('InvalidParameter', 'The value of parameter properties.maintenanceWindow is invalid: maintenanceWindow is required.', 'properties.maintenanceWindow');
  }
  const schedule = asObject(window['schedule']);
  const kinds = SCHEDULE_KINDS.filter((k) => schedule[k] !== undefined);
  if (kinds.length !== 1) {
    throw badRequest('InvalidParameter', 'Exactly one schedule type (daily, weekly, absoluteMonthly or relativeMonthly) must be specified in maintenanceWindow.schedule.', 'properties.maintenanceWindow.schedule');
  }
  if (configName === 'default' && kinds[0] !== 'weekly') {
    throw badRequest('InvalidParameter', "The 'default' maintenance configuration only supports a weekly schedule.", 'properties.maintenanceWindow.schedule');
  }
  const duration = asNumber(window['durationHours']) ?? 24;
  if (duration < 4 || duration > 24) {
    throw badRequest('InvalidParameter', `maintenanceWindow.durationHours must be between 4 and 24, got ${duration}.`, 'properties.maintenanceWindow.durationHours');
  }
  const startTime = asString(window['startTime']);
  if (startTime === undefined || !/^([01]\d|2[0-3]):[0-5]\d$/.test(startTime)) {
    throw badRequest('InvalidParameter', `maintenanceWindow.startTime must be in the format HH:mm, got '${startTime ?? ''}'.`, 'properties.maintenanceWindow.startTime');
  }
  const utcOffset = asString(window['utcOffset']);
  if (utcOffset !== undefined && !/^(-|\+)[0-9]{2}:[0-9]{2}$/.test(utcOffset)) {
    throw badRequest('InvalidParameter', `maintenanceWindow.utcOffset must match (-|+)HH:mm, got '${utcOffset}'.`, 'properties.maintenanceWindow.utcOffset');
  }
}

export function putConfig(fleet: Fleet, cluster: ClusterState, rawName: string, rawBody: unknown): { status: 200 | 201; config: MaintenanceConfigurationState } {
  const name = canonicalConfigName(rawName);
  const body = requireBodyObject(rawBody);
  const properties = asObject(body['properties']);
  validateMaintenanceWindow(name, properties);
  const window = asObject(properties['maintenanceWindow']);
  if (isObject(properties['maintenanceWindow'])) {
    window['durationHours'] ??= 24;
    window['utcOffset'] ??= '+00:00';
  }
  const now = fleet.clock.nowIso();
  const existing = findConfig(cluster, name);
  if (existing) {
    existing.properties = properties;
    existing.systemData = { ...existing.systemData, lastModifiedAt: now, lastModifiedBy: 'fleetplane-emulator', lastModifiedByType: 'Application' };
    return { status: 200, config: existing };
  }
  const config: MaintenanceConfigurationState = {
    name,
    properties,
    systemData: { createdAt: now, createdBy: 'fleetplane-emulator', createdByType: 'Application', lastModifiedAt: now, lastModifiedBy: 'fleetplane-emulator', lastModifiedByType: 'Application' },
  };
  cluster.maintenanceConfigurations.push(config);
  return { status: 201, config };
}

export function deleteConfig(cluster: ClusterState, rawName: string): 200 | 204 {
  const before = cluster.maintenanceConfigurations.length;
  cluster.maintenanceConfigurations = cluster.maintenanceConfigurations.filter((c) => c.name.toLowerCase() !== rawName.toLowerCase());
  return cluster.maintenanceConfigurations.length < before ? 200 : 204;
}

