/**
 * How long the parts of an AKS upgrade take, in seconds. The defaults are the AKS emulator's documented durations
 * (docs/aks-emulator.md, "Simulated durations"): the estimate is exact against the emulator and a rough guide in Azure,
 * where a control-plane upgrade and a node's surge, drain and reimage take minutes of the same order.
 */
export interface UpgradeDurations {
  controlPlaneUpgrade: number;
  /** A surge node becoming Ready. */
  nodeProvision: number;
  /** Cordon and drain of one batch. */
  nodeDrain: number;
  /** Reimage of one batch at the new version. */
  nodeReimage: number;
  /** Removal of the surge nodes at the end. */
  nodeRemove: number;
}

export const DOCUMENTED_UPGRADE_DURATIONS: UpgradeDurations = {
  controlPlaneUpgrade: 480,
  nodeProvision: 90,
  nodeDrain: 60,
  nodeReimage: 120,
  nodeRemove: 30,
};

/** One pool's share of a step: nodes to roll, and how many at a time. */
export interface PoolRoll {
  nodes: number;
  surgeNodes: number;
  unavailableNodes: number;
  soakMinutes: number;
}

/** One ARM operation of a member: the control plane first (when it moves), then each pool, one after another. */
export interface StepWork {
  controlPlane: boolean;
  pools: PoolRoll[];
}

/** A rolling upgrade: surge nodes appear, batches are cordoned, drained, soaked and reimaged, the surge leaves. */
export function poolRollSeconds(pool: PoolRoll, durations: UpgradeDurations = DOCUMENTED_UPGRADE_DURATIONS): number {
  if (pool.nodes <= 0) return 0;
  const batch = Math.max(1, pool.surgeNodes > 0 ? pool.surgeNodes : pool.unavailableNodes);
  const batches = Math.ceil(pool.nodes / batch);
  const surge = pool.surgeNodes > 0 ? durations.nodeProvision + durations.nodeRemove : 0;
  return surge + batches * (durations.nodeDrain + pool.soakMinutes * 60 + durations.nodeReimage);
}

export function stepSeconds(step: StepWork, durations: UpgradeDurations = DOCUMENTED_UPGRADE_DURATIONS): number {
  const controlPlane = step.controlPlane ? durations.controlPlaneUpgrade : 0;
  return controlPlane + step.pools.reduce((total, pool) => total + poolRollSeconds(pool, durations), 0);
}

/** A member's whole upgrade: its steps run one after another (never two operations on one cluster). */
export function memberUpgradeSeconds(steps: readonly StepWork[], durations: UpgradeDurations = DOCUMENTED_UPGRADE_DURATIONS): number {
  return steps.reduce((total, step) => total + stepSeconds(step, durations), 0);
}
