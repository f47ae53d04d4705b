export * from './types';
export { planUpgrade } from './planUpgrade';
export { validateUpgrade } from './validateUpgrade';
export { validateClusterVersions } from './validateClusterVersions';
export { autoUpgradeTarget, autoUpgradeReasons } from './autoUpgrade';
