export * from './types';
export { planUpgrade } from './planUpgrade';
export { validateUpgrade } from './validateUpgrade';
export { validateClusterVersions } from './validateClusterVersions';
export { autoUpgradeTarget, autoUpgradeReasons } from './autoUpgrade';
export { maintenanceWindowOccurrences } from './maintenanceWindow';
export { scheduledStartTime } from './scheduledStart';
export { orderMembersByWindow } from './memberOrder';
