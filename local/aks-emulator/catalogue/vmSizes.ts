/** VM sizes the emulator knows, with the quota family that AKS/Compute charges their vCPUs to. */

export type VmCapability = 'general' | 'gpu' | 'confidential-sgx' | 'confidential-sev';

export interface VmSize {
  name: string;
  vCpus: number;
  memoryGb: number;
  family: string; // Compute quota family, e.g. "standardDSv2Family"
  capability: VmCapability;
}

const size = (name: string, vCpus: number, memoryGb: number, family: string, capability: VmCapability = 'general'): VmSize => ({
  name,
  vCpus,
  memoryGb,
  family,
  capability,
});

export const VM_SIZES: readonly VmSize[] = [
  size('Standard_DS1_v2', 1, 3.5, 'standardDSv2Family'),
  size('Standard_DS2_v2', 2, 7, 'standardDSv2Family'),
  size('Standard_DS3_v2', 4, 14, 'standardDSv2Family'),
  size('Standard_D2s_v3', 2, 8, 'standardDSv3Family'),
  size('Standard_D4s_v3', 4, 16, 'standardDSv3Family'),
  size('Standard_D2s_v5', 2, 8, 'standardDSv5Family'),
  size('Standard_D4s_v5', 4, 16, 'standardDSv5Family'),
  size('Standard_D8s_v5', 8, 32, 'standardDSv5Family'),
  size('Standard_D16s_v5', 16, 64, 'standardDSv5Family'),
  size('Standard_D4ds_v5', 4, 16, 'standardDDSv5Family'),
  size('Standard_E4s_v5', 4, 32, 'standardESv5Family'),
  size('Standard_B2s', 2, 4, 'standardBSFamily'),
  size('Standard_NC6s_v3', 6, 112, 'standardNCSv3Family', 'gpu'),
  size('Standard_NC24ads_A100_v4', 24, 220, 'standardNCADSA100v4Family', 'gpu'),
  size('Standard_NC4as_T4_v3', 4, 28, 'standardNCASv3_T4Family', 'gpu'),
  size('Standard_ND96asr_v4', 96, 900, 'standardNDASv4_A100Family', 'gpu'),
  size('Standard_NV36ads_A10_v5', 36, 440, 'standardNVADSA10v5Family', 'gpu'),
  size('Standard_DC2s_v2', 2, 8, 'standardDCSv2Family', 'confidential-sgx'),
  size('Standard_DC4s_v2', 4, 16, 'standardDCSv2Family', 'confidential-sgx'),
  size('Standard_DC4s_v3', 4, 32, 'standardDCSv3Family', 'confidential-sgx'),
  size('Standard_DC4ds_v3', 4, 32, 'standardDCDSv3Family', 'confidential-sgx'),
  size('Standard_DC4as_v5', 4, 16, 'standardDCASv5Family', 'confidential-sev'),
];

export function findVmSize(name: string): VmSize | undefined {
  const lower = name.toLowerCase();
  return VM_SIZES.find((s) => s.name.toLowerCase() === lower);
}
