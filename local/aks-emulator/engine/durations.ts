/** Simulated durations in virtual seconds (configurable through AksEmulatorOptions.durations). */
export interface SimulationDurations {
  clusterCreate: number;
  clusterUpdate: number;
  clusterDelete: number;
  controlPlaneUpgrade: number;
  poolCreate: number;
  poolUpdate: number;
  poolDelete: number;
  nodeProvision: number;
  nodeDrain: number;
  nodeReimage: number;
  nodeRemove: number;
  start: number;
  stop: number;
  abort: number;
}

export const DEFAULT_DURATIONS: SimulationDurations = {
  clusterCreate: 300,
  clusterUpdate: 60,
  clusterDelete: 240,
  controlPlaneUpgrade: 480,
  poolCreate: 180,
  poolUpdate: 45,
  poolDelete: 120,
  nodeProvision: 90,
  nodeDrain: 60,
  nodeReimage: 120,
  nodeRemove: 30,
  start: 180,
  stop: 120,
  abort: 20,
};
