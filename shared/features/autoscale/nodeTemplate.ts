import { describeVmSize } from '../../domain/fleet/vmSizes';

export interface NodeTemplateOfPool {
  allocatableCpuMilli: number;
  allocatableMemoryBytes: number;
  allocatablePods: number;
}

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
/** Memory per vCPU of the common families (D/B: 4 GiB, E/L: 8, F: 2); others are taken as D. */
const GIB_PER_VCPU: Record<string, number> = { D: 4, B: 4, E: 8, L: 8, F: 2, M: 28 };
/** AKS's CPU reservation by core count (AKS docs, "Resource reservations"). */
const RESERVED_CPU_MILLI: [cores: number, milli: number][] = [[1, 60], [2, 100], [4, 140], [8, 180], [16, 260], [32, 420], [64, 740]];

/**
 * What one node of the pool offers pods, estimated from the VM size's name without an ARM call: vCPUs from the
 * name, memory by family, minus AKS's reservations (CPU by core count; memory 20 MiB per pod + 50 MiB, plus the
 * 100 MiB eviction threshold, as AKS reserves from 1.29). An estimate for binpacking pending pods, documented as such.
 */
export function nodeTemplateOf(vmSize: string, maxPods: number | undefined): NodeTemplateOfPool {
  const vCpus = describeVmSize(vmSize).vCpus ?? 2;
  const family = /^Standard_([A-Z])/i.exec(vmSize)?.[1]?.toUpperCase() ?? 'D';
  const pods = maxPods ?? 30;
  const reservedCpu = RESERVED_CPU_MILLI.find(([cores]) => vCpus <= cores)?.[1] ?? 740;
  const memory = vCpus * (GIB_PER_VCPU[family] ?? 4) * GIB;
  const reservedMemory = (20 * pods + 50 + 100) * MIB;
  return { allocatableCpuMilli: vCpus * 1000 - reservedCpu, allocatableMemoryBytes: Math.max(0, memory - reservedMemory), allocatablePods: pods };
}
