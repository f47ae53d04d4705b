import type { KubernetesVersion } from './kubernetesVersion';
import { compareKubernetesVersions, compareMinors, tryParseKubernetesVersion } from './kubernetesVersion';

/**
 * The ARM `kubernetesVersions` list of a location (GET …/locations/{loc}/kubernetesVersions),
 * typed structurally so the domain does not depend on the SDK.
 */
export interface VersionCatalogue {
  readonly values?: ReadonlyArray<CatalogueMinor>;
}

export interface CatalogueMinor {
  readonly version?: string;
  readonly isPreview?: boolean;
  readonly isDefault?: boolean;
  readonly capabilities?: { readonly supportPlan?: ReadonlyArray<string> };
  readonly patchVersions?: Readonly<Record<string, { readonly upgrades?: ReadonlyArray<string> }>>;
}

export interface CataloguePatch {
  readonly text: string;
  readonly version: KubernetesVersion;
  readonly isPreview: boolean;
  readonly upgrades: ReadonlyArray<string>;
}

export interface CatalogueMinorEntry {
  readonly version: KubernetesVersion;
  readonly isPreview: boolean;
  readonly isDefault: boolean;
  readonly supportPlans: ReadonlyArray<string>;
  readonly patches: ReadonlyArray<CataloguePatch>;
}

/** Minors of the catalogue with parseable versions, sorted ascending; malformed entries are skipped. */
export function catalogueMinors(catalogue: VersionCatalogue): CatalogueMinorEntry[] {
  const entries: CatalogueMinorEntry[] = [];
  for (const minor of catalogue.values ?? []) {
    const version = tryParseKubernetesVersion(minor.version ?? '');
    if (!version) continue;
    const isPreview = minor.isPreview === true;
    const patches = Object.entries(minor.patchVersions ?? {})
      .map(([text, patch]) => ({
        text,
        version: tryParseKubernetesVersion(text),
        isPreview,
        upgrades: patch.upgrades ?? [],
      }))
      .filter((patch): patch is CataloguePatch => patch.version !== undefined)
      .sort((a, b) => compareKubernetesVersions(a.version, b.version));
    entries.push({
      version: { major: version.major, minor: version.minor },
      isPreview,
      isDefault: minor.isDefault === true,
      supportPlans: minor.capabilities?.supportPlan ?? [],
      patches,
    });
  }
  return entries.sort((a, b) => compareMinors(a.version, b.version));
}

export function findCatalogueMinor(
  catalogue: VersionCatalogue,
  version: KubernetesVersion,
): CatalogueMinorEntry | undefined {
  return catalogueMinors(catalogue).find((entry) => compareMinors(entry.version, version) === 0);
}

/** Community-supported GA minors (the ones that count for N, N-1, N-2), ascending. LTS-only minors are excluded. */
export function gaMinors(catalogue: VersionCatalogue): CatalogueMinorEntry[] {
  return catalogueMinors(catalogue).filter(
    (entry) =>
      !entry.isPreview &&
      (entry.supportPlans.length === 0 || entry.supportPlans.includes('KubernetesOfficial')),
  );
}

/** True when the version's minor is marked preview in the catalogue. Unknown versions are not preview. */
export function isPreviewVersion(catalogue: VersionCatalogue, version: KubernetesVersion): boolean {
  return findCatalogueMinor(catalogue, version)?.isPreview === true;
}
