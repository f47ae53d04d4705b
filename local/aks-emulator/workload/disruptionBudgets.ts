import type { WorkloadView } from './workloadSnapshot';

/** The PodDisruptionBudgets of a workload evaluated against its pods, as `kubectl get pdb` shows them. */
export interface PdbStatus {
  namespace: string;
  name: string;
  deployment: string;
  minAvailable: number;
  /** Running and Ready pods of the selected deployment. */
  currentHealthy: number;
  /** How many of them may be evicted now: max(0, currentHealthy − minAvailable). */
  disruptionsAllowed: number;
}

export function pdbStatuses(view: WorkloadView): PdbStatus[] {
  return view.spec.podDisruptionBudgets.map((pdb) => {
    const currentHealthy = view.pods.filter((p) => p.owner.kind === 'Deployment' && p.namespace === pdb.namespace && p.owner.spec.name === pdb.deployment && p.ready).length;
    return { ...pdb, currentHealthy, disruptionsAllowed: Math.max(0, currentHealthy - pdb.minAvailable) };
  });
}

/** The budgets that forbid draining a node: more of their pods run on it than they allow to be disrupted. */
export function drainBlockers(view: WorkloadView, nodeName: string): PdbStatus[] {
  return pdbStatuses(view).filter((pdb) => {
    const onNode = view.pods.filter((p) => p.node === nodeName && p.owner.kind === 'Deployment' && p.namespace === pdb.namespace && p.owner.spec.name === pdb.deployment).length;
    return onNode > pdb.disruptionsAllowed;
  });
}
