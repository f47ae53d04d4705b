import { z } from 'zod';
import type { CatalogueMinor, VersionCatalogue } from '../fleet/versionCatalogue';

/**
 * Reads the ARM bodies the planner is given as `unknown`. Malformed entries are dropped one by one,
 * so one odd minor in a region's list does not hide the others.
 */

const catalogueMinorSchema = z.object({
  version: z.string(),
  isPreview: z.boolean().nullish(),
  isDefault: z.boolean().nullish(),
  capabilities: z.object({ supportPlan: z.array(z.string()).nullish() }).nullish(),
  patchVersions: z
    .record(z.string(), z.object({ upgrades: z.array(z.string()).nullish() }).nullish())
    .nullish(),
});

export function readCatalogue(body: unknown): VersionCatalogue {
  const values = isRecord(body) && Array.isArray(body.values) ? (body.values as unknown[]) : [];
  return { values: values.flatMap(readCatalogueMinor) };
}

function readCatalogueMinor(entry: unknown): CatalogueMinor[] {
  const parsed = catalogueMinorSchema.safeParse(entry);
  if (!parsed.success) return [];
  const minor = parsed.data;
  const patchVersions: Record<string, { upgrades: string[] }> = {};
  for (const [patch, info] of Object.entries(minor.patchVersions ?? {}))
    patchVersions[patch] = { upgrades: info?.upgrades ?? [] };
  return [
    {
      version: minor.version,
      isPreview: minor.isPreview === true,
      isDefault: minor.isDefault === true,
      capabilities: { supportPlan: minor.capabilities?.supportPlan ?? [] },
      patchVersions,
    },
  ];
}

/** One entry of `controlPlaneProfile.upgrades` in a cluster's upgrade profile. */
export interface ProfileUpgrade {
  readonly kubernetesVersion: string;
  readonly isPreview: boolean;
}

const profileUpgradeSchema = z.object({
  kubernetesVersion: z.string(),
  isPreview: z.boolean().nullish(),
});

/**
 * The control plane's offered upgrades from GET …/upgradeProfiles/default. Accepts the ARM body
 * (`properties.controlPlaneProfile`) and the SDK's flattened object (`controlPlaneProfile`).
 */
export function readControlPlaneUpgrades(body: unknown): ProfileUpgrade[] {
  if (!isRecord(body)) return [];
  const container = isRecord(body.properties) ? body.properties : body;
  const profile = container.controlPlaneProfile;
  const upgrades =
    isRecord(profile) && Array.isArray(profile.upgrades) ? (profile.upgrades as unknown[]) : [];
  return upgrades.flatMap((entry) => {
    const parsed = profileUpgradeSchema.safeParse(entry);
    return parsed.success
      ? [{ kubernetesVersion: parsed.data.kubernetesVersion, isPreview: parsed.data.isPreview === true }]
      : [];
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
