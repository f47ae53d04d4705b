import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterVersions, SupportPlan } from '../../../../shared/domain/upgrades';

const FIXTURES = join(__dirname, '../../../fixtures/containerservice');

/** The 200 body of an AKS REST example (x-ms-examples layout) from test/fixtures/containerservice. */
export function exampleBody(fileName: string): unknown {
  const example = JSON.parse(readFileSync(join(FIXTURES, fileName), 'utf8')) as {
    responses: Record<string, { body?: unknown }>;
  };
  return example.responses['200']?.body;
}

export interface MinorSpec {
  patches: string[];
  plans?: SupportPlan[];
  preview?: boolean;
}

/**
 * An ARM kubernetesVersions body shaped like the region's answer: each patch lists the higher patches
 * of its minor and every patch of the next minor (upgrades.md §2.1).
 */
export function catalogOf(minors: Record<string, MinorSpec>): unknown {
  const entries = Object.entries(minors);
  return {
    values: entries.map(([version, spec], index) => {
      const nextPatches = entries[index + 1]?.[1].patches ?? [];
      return {
        version,
        ...(spec.preview ? { isPreview: true } : {}),
        capabilities: { supportPlan: spec.plans ?? ['KubernetesOfficial'] },
        patchVersions: Object.fromEntries(
          spec.patches.map((patch, patchIndex) => [
            patch,
            { upgrades: [...spec.patches.slice(patchIndex + 1), ...nextPatches] },
          ]),
        ),
      };
    }),
  };
}

/** An ARM upgrade-profile body whose control plane offers `upgrades` (`"1.34.0?"` marks a preview one). */
export function profileOf(controlPlane: string, upgrades: string[]): unknown {
  return {
    id: '/subscriptions/0000/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/c1/upgradeprofiles/default',
    name: 'default',
    properties: {
      controlPlaneProfile: {
        name: 'master',
        kubernetesVersion: controlPlane,
        osType: 'Linux',
        upgrades: upgrades.map((text) =>
          text.endsWith('?')
            ? { kubernetesVersion: text.slice(0, -1), isPreview: true }
            : { kubernetesVersion: text },
        ),
      },
      agentPoolProfiles: [],
    },
  };
}

export function clusterOf(
  controlPlane: string,
  nodePools: Record<string, string>,
  options: Partial<Pick<ClusterVersions, 'supportPlan' | 'autoUpgradeChannel'>> = {},
): ClusterVersions {
  return {
    controlPlane,
    nodePools,
    supportPlan: options.supportPlan ?? 'KubernetesOfficial',
    autoUpgradeChannel: options.autoUpgradeChannel ?? 'none',
  };
}

const lts: SupportPlan[] = ['AKSLongTermSupport'];
const both: SupportPlan[] = ['KubernetesOfficial', 'AKSLongTermSupport'];

/**
 * A region in late 2026 (upgrades.md §2 calendar): 1.27–1.31 kept for LTS only, 1.32 community and LTS,
 * 1.33–1.35 community GA, 1.36 preview.
 */
export const region2026 = catalogOf({
  '1.27': { patches: ['1.27.100', '1.27.102'], plans: lts },
  '1.28': { patches: ['1.28.100', '1.28.101'], plans: lts },
  '1.29': { patches: ['1.29.100', '1.29.101'], plans: lts },
  '1.30': { patches: ['1.30.100', '1.30.102'], plans: lts },
  '1.31': { patches: ['1.31.100', '1.31.101'], plans: lts },
  '1.32': { patches: ['1.32.6', '1.32.7', '1.32.9'], plans: both },
  '1.33': { patches: ['1.33.2', '1.33.5'] },
  '1.34': { patches: ['1.34.1', '1.34.3'] },
  '1.35': { patches: ['1.35.0', '1.35.2'] },
  '1.36': { patches: ['1.36.0'], preview: true },
});
