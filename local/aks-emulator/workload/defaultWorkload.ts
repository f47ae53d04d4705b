import { findVmSize } from '../catalogue/vmSizes';
import type { SeededRandom } from '../random';
import type { LoadProfileKind } from './loadProfile';
import { MIB, nodeResources } from './nodeCapacity';
import { randomFor } from './stableNames';
import type { TopologyPool, TopologyRecord } from './topology';
import type { ApiClientSpec, DaemonSetSpec, DeploymentSpec, PdbSpec, WorkloadSpec } from './workloadSpec';
import { parseWorkloadSpec } from './workloadSpec';

/**
 * The workload a cluster gets when nobody sets one: node agents, kube-system deployments with their PDBs, and a
 * few seeded application namespaces whose CPU requests fill 50–70 % of the general Linux capacity the cluster was
 * created with (so scaling pools later changes pending pods and utilisation, not the workload itself). GPU,
 * confidential and Windows pools, also those added later, each get a deployment of their own.
 */

const LINUX_AGENTS: DaemonSetSpec[] = [
  agent('kube-proxy', 'linux', 100, 64, 4, 30),
  agent('cloud-node-manager', 'linux', 50, 50, 2, 25),
  agent('csi-azuredisk-node', 'linux', 30, 60, 3, 40),
];
const WINDOWS_AGENTS: DaemonSetSpec[] = [agent('csi-azuredisk-node-win', 'windows', 30, 60, 5, 80)];

const SYSTEM_DEPLOYMENTS: DeploymentSpec[] = [
  system('coredns', 2, 100, 70, 0.15, 0.5),
  system('metrics-server', 2, 50, 80, 0.2, 0.6),
  system('konnectivity-agent', 2, 20, 20, 0.25, 0.5),
];

const APP_NAMESPACES = ['payments', 'catalog', 'search', 'checkout', 'frontend', 'analytics', 'ingest', 'identity', 'orders', 'reporting'];
const APP_DEPLOYMENTS = ['api', 'web', 'worker', 'gateway', 'scheduler', 'indexer', 'cache', 'notifier'];
const CPU_REQUESTS = [100, 250, 500, 1000];
const MEMORY_MIB_PER_MILLICORE = [1, 2, 4];
const PROFILES: LoadProfileKind[] = ['steady', 'diurnal', 'spike'];

export function defaultWorkloadSpec(seed: number, identity: string, topology: TopologyRecord, laterPools: readonly TopologyPool[] = []): WorkloadSpec {
  const random = randomFor(seed, identity, 'workload');
  const pools = [...topology.pools, ...laterPools];
  const hasWindows = pools.some((p) => p.os === 'windows');
  const general = topology.pools.filter((p) => p.os === 'linux' && capabilityOf(p) === 'general');
  const reserved = SYSTEM_DEPLOYMENTS.reduce((sum, d) => sum + d.replicas * d.cpuRequestMillicores, 0);
  const generalCpu = Math.max(0, general.reduce((sum, pool) => sum + pool.count * freeCpuPerNode(pool, LINUX_AGENTS), 0) - reserved);
  const apps = applicationDeployments(random, generalCpu * (0.5 + 0.2 * random.next()));
  const dedicated = pools.filter((p) => p.os === 'windows' || capabilityOf(p) !== 'general').map((p) => dedicatedDeployment(p));
  const deployments = [...SYSTEM_DEPLOYMENTS, ...apps, ...dedicated];
  return parseWorkloadSpec({
    profile: { kind: PROFILES[Math.floor(random.next() * PROFILES.length)], intensity: 1, peakHourUtc: 9 + Math.floor(random.next() * 9) },
    daemonSets: hasWindows ? [...LINUX_AGENTS, ...WINDOWS_AGENTS] : LINUX_AGENTS,
    deployments,
    podDisruptionBudgets: [...SYSTEM_DEPLOYMENTS.map((d) => pdb(d, 1)), ...apps.filter((d) => d.replicas >= 2).map((d) => pdb(d, random.next() < 0.2 ? d.replicas : d.replicas - 1))],
    apiClients: apiClients(random),
  });
}

function applicationDeployments(random: SeededRandom, targetCpu: number): DeploymentSpec[] {
  const namespaces = shuffled(random, APP_NAMESPACES).slice(0, 2 + Math.floor(random.next() * 3));
  const drafts = namespaces.flatMap((namespace) =>
    shuffled(random, APP_DEPLOYMENTS)
      .slice(0, 1 + Math.floor(random.next() * 3))
      .map((name) => ({ namespace, name, cpu: pick(random, CPU_REQUESTS), memPerMilli: pick(random, MEMORY_MIB_PER_MILLICORE), weight: 0.5 + random.next() })),
  );
  const totalWeight = drafts.reduce((sum, d) => sum + d.weight, 0);
  return drafts.map((d) => {
    const replicas = Math.max(1, Math.round((targetCpu * d.weight) / totalWeight / d.cpu));
    return {
      namespace: d.namespace,
      name: d.name,
      replicas,
      maxReplicas: random.next() < 0.5 ? replicas * 2 : replicas,
      cpuRequestMillicores: d.cpu,
      memoryRequestBytes: d.cpu * d.memPerMilli * MIB,
      cpuUtilisation: round2(0.3 + 0.5 * random.next()),
      memoryUtilisation: round2(0.5 + 0.4 * random.next()),
      followsLoad: true,
      nodeSelector: { os: 'linux' },
      logLinesPerMinute: 1 + Math.floor(random.next() * 4),
    };
  });
}

/** GPU, confidential and Windows pools run a deployment of their own, about half of each node. */
function dedicatedDeployment(pool: TopologyPool): DeploymentSpec {
  const size = findVmSize(pool.vmSize) ?? { vCpus: 2, memoryGb: 8 };
  const allocatable = nodeResources(size, pool.maxPods).allocatable;
  const [namespace, name] = pool.os === 'windows' ? ['legacy-web', `iis-${pool.name}`] : capabilityOf(pool) === 'gpu' ? ['ml-serving', `inference-${pool.name}`] : ['confidential', `enclave-${pool.name}`];
  return {
    namespace,
    name,
    replicas: Math.max(1, pool.count),
    maxReplicas: Math.max(1, pool.count),
    cpuRequestMillicores: Math.max(1, Math.floor(allocatable.cpuMillicores / 2)),
    memoryRequestBytes: Math.max(1, Math.floor(allocatable.memoryBytes / 2)),
    cpuUtilisation: 0.6,
    memoryUtilisation: 0.7,
    followsLoad: true,
    nodeSelector: { os: pool.os, ...(pool.os === 'windows' ? {} : { pool: pool.name }) },
    logLinesPerMinute: 2,
  };
}

function apiClients(random: SeededRandom): ApiClientSpec[] {
  const clients: ApiClientSpec[] = [
    client('argocd-application-controller/v2.13.1', 'system:serviceaccount:argocd:argocd-application-controller', 'list', 'apps', 'v1', 'deployments', 120),
    client('argocd-application-controller/v2.13.1', 'system:serviceaccount:argocd:argocd-application-controller', 'patch', 'apps', 'v1', 'deployments', 6),
    client('Prometheus/3.1.0', 'system:serviceaccount:monitoring:prometheus', 'list', '', 'v1', 'pods', 60),
    client('kubectl/v1.34.2 (linux/amd64) kubernetes/5b1d1e3', 'alice@contoso.com', 'get', '', 'v1', 'nodes', 6),
  ];
  if (random.next() < 0.5) clients.push(client('legacy-health-check/0.9.1', 'system:serviceaccount:monitoring:legacy-health-check', 'list', '', 'v1', 'componentstatuses', 12));
  if (random.next() < 0.3) clients.push(client('flow-tuner/1.2.0', 'system:serviceaccount:platform:flow-tuner', 'list', 'flowcontrol.apiserver.k8s.io', 'v1beta3', 'flowschemas', 4));
  return clients;
}

function freeCpuPerNode(pool: TopologyPool, agents: readonly DaemonSetSpec[]): number {
  const size = findVmSize(pool.vmSize) ?? { vCpus: 2, memoryGb: 8 };
  return nodeResources(size, pool.maxPods).allocatable.cpuMillicores - agents.reduce((sum, a) => sum + a.cpuRequestMillicores, 0);
}

const capabilityOf = (pool: TopologyPool): string => findVmSize(pool.vmSize)?.capability ?? 'general';

function agent(name: string, os: 'linux' | 'windows', cpuRequest: number, memRequestMiB: number, cpuUsage: number, workingSetMiB: number): DaemonSetSpec {
  return { namespace: 'kube-system', name, os, cpuRequestMillicores: cpuRequest, memoryRequestBytes: memRequestMiB * MIB, cpuUsageMillicores: cpuUsage, memoryWorkingSetBytes: workingSetMiB * MIB };
}

function system(name: string, replicas: number, cpuRequest: number, memRequestMiB: number, cpuUtilisation: number, memoryUtilisation: number): DeploymentSpec {
  return {
    namespace: 'kube-system',
    name,
    replicas,
    cpuRequestMillicores: cpuRequest,
    memoryRequestBytes: memRequestMiB * MIB,
    cpuUtilisation,
    memoryUtilisation,
    followsLoad: false,
    nodeSelector: { os: 'linux' },
    logLinesPerMinute: 1,
  };
}

const pdb = (d: DeploymentSpec, minAvailable: number): PdbSpec => ({ namespace: d.namespace, name: `${d.name}-pdb`, deployment: d.name, minAvailable });

function client(userAgent: string, user: string, verb: ApiClientSpec['verb'], group: string, version: string, resource: string, callsPerHour: number): ApiClientSpec {
  return { userAgent, user, verb, group, version, resource, callsPerHour, sourceIp: '10.224.0.4' };
}

function shuffled<T>(random: SeededRandom, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const pick = <T>(random: SeededRandom, items: readonly T[]): T => items[Math.floor(random.next() * items.length)]!;

const round2 = (value: number): number => Math.round(value * 100) / 100;
