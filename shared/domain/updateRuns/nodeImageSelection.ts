/**
 * AKS node image versions are `<image family>-<dated version>` (`AKSUbuntu-2204gen2containerd-202611.01.0`,
 * `AKSWindows-2022-containerd-20348.4405.261111`). Fleet Manager's `Consistent` selection upgrades every pool of
 * a family to the newest image that all of the run's pools of that family are offered: the oldest of their latest.
 */

export type NodeImageSelection = 'Latest' | 'Consistent';

/** The family of a node image version: everything before its last `-`. */
export function nodeImageFamilyOf(image: string): string {
  const cut = image.lastIndexOf('-');
  return cut <= 0 ? image : image.slice(0, cut);
}

/** Orders two images of one family by their dated version, part by part as numbers. */
export function compareNodeImages(a: string, b: string): number {
  const parts = (image: string) => image.slice(nodeImageFamilyOf(image).length + 1).split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [left, right] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** Per family, the image the Consistent selection upgrades to: the oldest of the latest images the pools are offered. */
export function consistentNodeImages(latestImages: readonly string[]): Record<string, string> {
  const selected: Record<string, string> = {};
  for (const image of latestImages) {
    const family = nodeImageFamilyOf(image);
    const current = selected[family];
    if (current === undefined || compareNodeImages(image, current) < 0) selected[family] = image;
  }
  return selected;
}
