import type { VmSize } from '../catalogue/vmSizes';

/** What a node offers: its VM's capacity, and the allocatable part left to pods after AKS's reservations. */
export interface Resources {
  cpuMillicores: number;
  memoryBytes: number;
}

export interface NodeResources {
  capacity: Resources;
  allocatable: Resources & { pods: number };
}

export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;

/**
 * AKS kube-reserved CPU: 60m for the first core, 40m for the second, 20m each for cores 3–4, 10m for every further
 * core (1 → 60m, 2 → 100m, 4 → 140m, 8 → 180m, 16 → 260m, 32 → 420m, 64 → 740m).
 */
export function reservedCpuMillicores(vCpus: number): number {
  const tiers: [cores: number, perCore: number][] = [
    [1, 60],
    [1, 40],
    [2, 20],
    [Number.POSITIVE_INFINITY, 10],
  ];
  let remaining = vCpus;
  let reserved = 0;
  for (const [cores, perCore] of tiers) {
    const used = Math.min(remaining, cores);
    reserved += used * perCore;
    remaining -= used;
  }
  return reserved;
}

/** AKS (Kubernetes 1.29+): kube-reserved = min(20 MiB × maxPods + 50 MiB, 25 % of memory), plus a 100 MiB eviction threshold. */
export function reservedMemoryBytes(memoryBytes: number, maxPods: number): number {
  return Math.min(20 * MIB * maxPods + 50 * MIB, 0.25 * memoryBytes) + 100 * MIB;
}

export function nodeResources(size: Pick<VmSize, 'vCpus' | 'memoryGb'>, maxPods: number): NodeResources {
  const capacity = { cpuMillicores: size.vCpus * 1000, memoryBytes: Math.round(size.memoryGb * GIB) };
  return {
    capacity,
    allocatable: {
      cpuMillicores: capacity.cpuMillicores - reservedCpuMillicores(size.vCpus),
      memoryBytes: capacity.memoryBytes - reservedMemoryBytes(capacity.memoryBytes, maxPods),
      pods: maxPods,
    },
  };
}
