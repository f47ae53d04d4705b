/** Latest node image per image family; `publish` advances one family (admin API). */

export type ImageFamily = 'AKSUbuntu-2204gen2containerd' | 'AKSAzureLinux-V3gen2' | 'AKSWindows-2022-containerd';

export function imageFamilyFor(osType: string, osSku: string | undefined): ImageFamily {
  if (osType === 'Windows') return 'AKSWindows-2022-containerd';
  if (osSku !== undefined && /azurelinux|mariner/i.test(osSku)) return 'AKSAzureLinux-V3gen2';
  return 'AKSUbuntu-2204gen2containerd';
}

export class NodeImageCatalogue {
  private readonly latest = new Map<ImageFamily, string>();

  constructor() {
    this.reset();
  }

  reset(): void {
    this.latest.set('AKSUbuntu-2204gen2containerd', '202611.01.0');
    this.latest.set('AKSAzureLinux-V3gen2', '202611.01.0');
    this.latest.set('AKSWindows-2022-containerd', '20348.4405.261111');
  }

  latestFor(family: ImageFamily): string {
    return `${family}-${this.latest.get(family) ?? '0'}`;
  }

  /** An older image of the same family, for seeding pools that are behind. */
  previousFor(family: ImageFamily): string {
    return family === 'AKSWindows-2022-containerd' ? `${family}-20348.4294.261014` : `${family}-202610.18.0`;
  }

  publish(family: ImageFamily, versionSuffix: string): string {
    this.latest.set(family, versionSuffix);
    return this.latestFor(family);
  }

  families(): Record<string, string> {
    return Object.fromEntries([...this.latest.keys()].map((f) => [f, this.latestFor(f)]));
  }
}
