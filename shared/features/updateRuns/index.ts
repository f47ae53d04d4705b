export * from './updateRunGates';
export * from './updateRunRequest';
export * from './preflightProblem';
export * from './updateRunDocument';
export { UpdateRunStore } from './updateRunStore';
export type { KickRun, InventoryMember, SelectClustersByTags } from './updateRunPorts';
