import type { VmFamily } from './guardrailsSchema';
import { matchWildcard } from './wildcardMatch';

export type { VmFamily };

export interface VmSizeInfo {
  readonly name: string;
  readonly family: VmFamily;
  /** True for Intel SGX sizes (DCsv2, DCsv3, DCdsv3), which need the ACCSGXDevicePlugin add-on for enclaves. */
  readonly sgx: boolean;
  /** Parsed from the size name (`Standard_D4s_v5` → 4); undefined when the name does not carry it. */
  readonly vCpus?: number;
}

// Standard_<family letters><vCPUs>[-<constrained vCPUs>]<features>[_<accelerator or variant>…][_v<n>]
const sizeNamePattern = /^Standard_([A-Z]+)(\d+)(?:-\d+)?([a-z]*)((?:_(?!v\d+$)[A-Za-z0-9]+)*)(?:_v(\d+))?$/i;

function familyOf(letters: string, features: string, version?: string): VmFamily {
  if (letters.startsWith('N')) return 'gpu';
  if (letters.startsWith('DC')) return 'confidential';
  if (letters.startsWith('EC') && features.includes('a') && version === '5') return 'confidential';
  return 'general';
}

function isSgxSize(letters: string, features: string, version?: string): boolean {
  if (!letters.startsWith('DC') || features.includes('a')) return false;
  return version === '2' || version === '3';
}

/** Classifies a VM size from its name alone (no catalogue lookup). */
export function describeVmSize(name: string): VmSizeInfo {
  const match = sizeNamePattern.exec(name);
  if (!match) {
    const upper = name.toUpperCase();
    const family: VmFamily = upper.startsWith('STANDARD_N')
      ? 'gpu'
      : upper.startsWith('STANDARD_DC')
        ? 'confidential'
        : 'general';
    return { name, family, sgx: false };
  }
  const [, rawLetters = '', cpus, features = '', , version] = match;
  const letters = rawLetters.toUpperCase();
  const lowerFeatures = features.toLowerCase();
  return {
    name,
    family: familyOf(letters, lowerFeatures, version),
    sgx: isSgxSize(letters, lowerFeatures, version),
    vCpus: Number(cpus),
  };
}

/** Every DC-series pool turns the SGX device plugin on (the Fleet API contract), harmless on non-SGX DC sizes. */
export function needsSgxDevicePlugin(name: string): boolean {
  return /^Standard_DC/i.test(name);
}

/** Case-insensitive match where `*` stands for any run of characters; linear in the name (see matchWildcard). */
export function vmSizeMatches(pattern: string, name: string): boolean {
  return matchWildcard(pattern, name).matched;
}
