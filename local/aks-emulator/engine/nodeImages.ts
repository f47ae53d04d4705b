/**
 * Latest node image per image family; `publish` advances one family (admin API), everywhere or in one region
 * (AKS rolls images out region by region, so regions may offer different latest images for a while).
 */

export type ImageFamily = 'AKSUbuntu-2204gen2containerd' | 'AKSAzureLinux-V3gen2' | 'AKSWindows-2022-containerd';

export function imageFamilyFor(osType: string, osSku: string | undefined): ImageFamily {
  if (osType === 'Windows') return 'AKSWindows-2022-containerd';
  if (osSku !== undefined && /azurelinux|mariner/i.test(osSku)) return 'AKSAzureLinux-V3gen2';
  return 'AKSUbuntu-2204gen2containerd';
}

export class NodeImageCatalogue {
  private readonly latest = new Map<ImageFamily, string>();
  /** `<location>|<family>` → suffix, where a region is ahead of (or behind) the rest. */
  private readonly regional = new Map<string, string>();

  constructor() {
    this.reset();
  }

  reset(): void {
    this.regional.clear();
    this.latest.set('AKSUbuntu-2204gen2containerd', '202611.01.0');
    this.latest.set('AKSAzureLinux-V3gen2', '202611.01.0');
    this.latest.set('AKSWindows-2022-containerd', '20348.4405.261111');
  }

  latestFor(family: ImageFamily, location?: string): string {
    const regional = location === undefined ? undefined : this.regional.get(regionalKey(location, family));
    return `${family}-${regional ?? this.latest.get(family) ?? '0'}`;
  }

  /** An older image of the same family, for seeding pools that are behind. */
  previousFor(family: ImageFamily): string {
    return family === 'AKSWindows-2022-containerd' ? `${family}-20348.4294.261014` : `${family}-202610.18.0`;
  }

  publish(family: ImageFamily, versionSuffix: string, location?: string): string {
    if (location === undefined) {
      this.latest.set(family, versionSuffix);
      for (const key of [...this.regional.keys()]) if (key.endsWith(`|${family}`)) this.regional.delete(key);
    } else {
      this.regional.set(regionalKey(location, family), versionSuffix);
    }
    return this.latestFor(family, location);
  }

  families(): Record<string, string> {
    return Object.fromEntries([...this.latest.keys()].map((f) => [f, this.latestFor(f)]));
  }
}

function regionalKey(location: string, family: ImageFamily): string {
  return `${location.toLowerCase().replace(/\s+/g, '')}|${family}`;
}
