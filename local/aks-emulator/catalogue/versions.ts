/** The Kubernetes version catalogue that drives kubernetesVersions, upgrade profiles and the version rules. */

export type SupportPlan = 'KubernetesOfficial' | 'AKSLongTermSupport';

export interface MinorRelease {
  minor: string; // "1.35"
  patches: string[]; // ascending, e.g. ["1.35.3", "1.35.5"]
  isPreview?: boolean;
  isDefault?: boolean;
  supportPlans: SupportPlan[]; // ["AKSLongTermSupport"] alone = out of community support, LTS only
}

export interface ParsedVersion {
  major: number;
  minor: number;
  patch?: number;
}

export function parseVersion(text: string): ParsedVersion | undefined {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    ...(match[3] === undefined ? {} : { patch: Number(match[3]) }),
  };
}

export const minorOf = (version: string): string => version.split('.').slice(0, 2).join('.');

/** Total order on "1.x.y" versions, usable by Array.sort. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

export const minorDistance = (from: string, to: string): number => {
  const a = parseVersion(from);
  const b = parseVersion(to);
  if (!a || !b) return Number.NaN;
  return (b.major - a.major) * 1000 + (b.minor - a.minor);
};

export function defaultCatalogue(): MinorRelease[] {
  return [
    { minor: '1.33', patches: ['1.33.5', '1.33.6'], supportPlans: ['AKSLongTermSupport'] },
    { minor: '1.34', patches: ['1.34.6', '1.34.8'], supportPlans: ['KubernetesOfficial', 'AKSLongTermSupport'] },
    { minor: '1.35', patches: ['1.35.3', '1.35.5'], supportPlans: ['KubernetesOfficial', 'AKSLongTermSupport'] },
    { minor: '1.36', patches: ['1.36.1', '1.36.2'], supportPlans: ['KubernetesOfficial', 'AKSLongTermSupport'], isDefault: true },
    { minor: '1.37', patches: ['1.37.0', '1.37.1'], supportPlans: ['KubernetesOfficial', 'AKSLongTermSupport'] },
    { minor: '1.38', patches: ['1.38.0'], supportPlans: ['KubernetesOfficial'], isPreview: true },
  ];
}

export class VersionCatalogue {
  private minors: MinorRelease[];

  constructor(private readonly initial: MinorRelease[]) {
    this.minors = structuredClone(initial);
  }

  reset(): void {
    this.minors = structuredClone(this.initial);
  }

  all(): readonly MinorRelease[] {
    return this.minors;
  }

  release(minor: string): MinorRelease | undefined {
    return this.minors.find((m) => m.minor === minor);
  }

  isKnownPatch(version: string): boolean {
    return this.release(minorOf(version))?.patches.includes(version) ?? false;
  }

  isPreview(version: string): boolean {
    return this.release(minorOf(version))?.isPreview === true;
  }

  defaultVersion(): string {
    const release = this.minors.find((m) => m.isDefault) ?? this.minors.filter((m) => !m.isPreview).at(-1);
    const latest = release?.patches.at(-1);
    if (latest === undefined) throw new Error('the version catalogue has no default version');
    return latest;
  }

  /** True when the minor is served for the given plan (an LTS-only minor is out of community support). */
  supportsPlan(version: string, plan: SupportPlan): boolean {
    return this.release(minorOf(version))?.supportPlans.includes(plan) ?? false;
  }

  /**
   * Resolves what a client wrote ("", "1.35", "1.35.5") to a full patch version.
   * A bare minor resolves to its latest patch; an empty value to the default. Returns undefined if unknown.
   */
  resolve(requested: string | undefined): string | undefined {
    const text = (requested ?? '').trim();
    if (text === '') return this.defaultVersion();
    const parsed = parseVersion(text);
    if (!parsed) return undefined;
    if (parsed.patch === undefined) return this.release(text)?.patches.at(-1);
    return this.isKnownPatch(text) ? text : undefined;
  }

  /** Higher patches of the same minor plus every patch of the next minor (upgrades.md §2.1). */
  upgradesFrom(version: string): string[] {
    const sameMinor = this.release(minorOf(version))?.patches.filter((p) => compareVersions(p, version) > 0) ?? [];
    const nextMinor = this.minors.find((m) => minorDistance(version, m.minor) === 1)?.patches ?? [];
    return [...sameMinor, ...nextMinor];
  }

  publishPatch(version: string, options: { isPreview?: boolean } = {}): void {
    const minor = minorOf(version);
    const existing = this.release(minor);
    if (existing) {
      if (!existing.patches.includes(version)) existing.patches.push(version);
      existing.patches.sort(compareVersions);
      return;
    }
    this.minors.push({
      minor,
      patches: [version],
      supportPlans: ['KubernetesOfficial'],
      ...(options.isPreview === true ? { isPreview: true } : {}),
    });
    this.minors.sort((a, b) => compareVersions(a.minor, b.minor));
  }
}
