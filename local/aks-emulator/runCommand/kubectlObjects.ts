import type { ClusterState } from '../model';
import { pdbStatuses } from '../workload/disruptionBudgets';
import type { WorkloadView } from '../workload/workloadSnapshot';

/** Kubernetes objects as `kubectl get … -o json` prints them, built from the workload simulation and the fleet. */

type KubeObject = Record<string, unknown>;

/** The label AKS puts on every node naming its agent pool. */
export const AGENT_POOL_LABEL = 'kubernetes.azure.com/agentpool';
/** What the emulator's pods carry so that a PDB's selector finds them. */
const APP_LABEL = 'app';
/** A PDB declared through the admin API (the one upgrades honour) selects its pods by this label. */
const DECLARED_PDB_LABEL = 'emulator.fleetplane.dev/pdb';

export function nodeObjects(view: WorkloadView): KubeObject[] {
  return view.nodes.map((node) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: node.name, labels: { [AGENT_POOL_LABEL]: node.pool, agentpool: node.pool, 'kubernetes.io/os': node.os } },
    spec: node.schedulable ? {} : { unschedulable: true },
    status: { nodeInfo: { kubeletVersion: `v${node.kubernetesVersion}` } },
  }));
}

export function podObjects(view: WorkloadView, cluster: ClusterState): KubeObject[] {
  const workloadPods = view.pods.map((pod) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: pod.name, namespace: pod.namespace, uid: pod.uid, labels: { [APP_LABEL]: pod.owner.spec.name } },
    spec: pod.node === undefined ? {} : { nodeName: pod.node },
    status: { phase: pod.phase },
  }));
  return [...workloadPods, ...declaredPdbPods(view, cluster)];
}

/** The workload's PDBs with their live status, then the declared ones: each allows no disruption at all. */
export function pdbObjects(view: WorkloadView, cluster: ClusterState): KubeObject[] {
  const simulated = pdbStatuses(view).map((pdb) => ({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: pdb.name, namespace: pdb.namespace },
    spec: { minAvailable: pdb.minAvailable, selector: { matchLabels: { [APP_LABEL]: pdb.deployment } } },
    status: { currentHealthy: pdb.currentHealthy, desiredHealthy: pdb.minAvailable, disruptionsAllowed: pdb.disruptionsAllowed, expectedPods: expectedPods(view, pdb) },
  }));
  const declared = cluster.podDisruptionBudgets.map((pdb) => {
    const pods = declaredPdbPods(view, cluster).filter((pod) => pod.metadata.labels[DECLARED_PDB_LABEL] === pdb.name && pod.metadata.namespace === pdb.namespace).length;
    return {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: pdb.name, namespace: pdb.namespace },
      spec: { maxUnavailable: 0, selector: { matchLabels: { [DECLARED_PDB_LABEL]: pdb.name } } },
      status: { currentHealthy: pods, desiredHealthy: pods, disruptionsAllowed: 0, expectedPods: pods },
    };
  });
  return [...simulated, ...declared];
}

function expectedPods(view: WorkloadView, pdb: { namespace: string; deployment: string }): number {
  return view.pods.filter((pod) => pod.owner.kind === 'Deployment' && pod.namespace === pdb.namespace && pod.owner.spec.name === pdb.deployment).length;
}

/**
 * A declared PDB has no workload behind it; it blocks the drain of its pools (all pools when it names none), so it is
 * shown with one pod on the first node of each such pool.
 */
function declaredPdbPods(view: WorkloadView, cluster: ClusterState) {
  return cluster.podDisruptionBudgets.flatMap((pdb) => {
    const pools = pdb.pools.length === 0 ? cluster.pools.map((pool) => pool.name) : pdb.pools;
    return pools.flatMap((pool) => {
      const node = view.nodes.find((candidate) => candidate.pool.toLowerCase() === pool.toLowerCase());
      if (!node) return [];
      return [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `${pdb.name}-${node.pool}-0`, namespace: pdb.namespace, labels: { [DECLARED_PDB_LABEL]: pdb.name } },
          spec: { nodeName: node.name },
          status: { phase: 'Running' },
        },
      ];
    });
  });
}
