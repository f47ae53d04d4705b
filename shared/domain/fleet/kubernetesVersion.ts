export interface KubernetesVersion {
  readonly major: number;
  readonly minor: number;
  /** Absent for a minor alias such as `1.33` (AKS resolves it to the latest GA patch). */
  readonly patch?: number;
}

export class InvalidKubernetesVersionError extends Error {
  constructor(readonly input: string) {
    super(`"${input}" is not a Kubernetes version (expected 1.33 or 1.33.2)`);
    this.name = 'InvalidKubernetesVersionError';
  }
}

const versionPattern = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/;

export function tryParseKubernetesVersion(text: string): KubernetesVersion | undefined {
  const match = versionPattern.exec(text.trim());
  if (!match) return undefined;
  const [, major, minor, patch] = match;
  return patch === undefined
    ? { major: Number(major), minor: Number(minor) }
    : { major: Number(major), minor: Number(minor), patch: Number(patch) };
}

export function parseKubernetesVersion(text: string): KubernetesVersion {
  const version = tryParseKubernetesVersion(text);
  if (!version) throw new InvalidKubernetesVersionError(text);
  return version;
}

export function formatKubernetesVersion(version: KubernetesVersion): string {
  const minor = `${version.major}.${version.minor}`;
  return version.patch === undefined ? minor : `${minor}.${version.patch}`;
}

export function minorOf(version: KubernetesVersion): string {
  return `${version.major}.${version.minor}`;
}

/**
 * Total order on versions: major, then minor, then patch, where a minor alias (`1.33`)
 * sorts just before every patch of that minor (`1.33` < `1.33.0`).
 */
export function compareKubernetesVersions(a: KubernetesVersion, b: KubernetesVersion): number {
  return a.major - b.major || a.minor - b.minor || (a.patch ?? -1) - (b.patch ?? -1);
}

/** Compares the minor versions only (`1.33.9` and `1.33` are equal). */
export function compareMinors(a: KubernetesVersion, b: KubernetesVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/** How many minors `to` is ahead of `from` (negative when behind); majors count as 100 minors apart. */
export function minorDistance(from: KubernetesVersion, to: KubernetesVersion): number {
  return (to.major - from.major) * 100 + (to.minor - from.minor);
}
