import type { ManagedCluster } from '@azure/arm-containerservice';
import { ValidationError } from '../../domain/errors';
import { checkAksRules, clusterUpdatePoolViolations, evaluateGuardrails, type Violation } from '../../domain/fleet';
import type { VersionCatalogue } from '../../domain/fleet/versionCatalogue';
import type { ClusterSpec, ClusterView } from '../../domain/fleet/clusterSpec';
import type { Guardrails } from '../../domain/fleet/guardrailsSchema';
import type { NodePoolSpec } from '../../domain/fleet/nodePoolSpec';
import type { ClusterDependencies } from './clusterDependencies';
import { clusterPreflightViolations } from './clusterPreflight';

export const WINDOWS_CREDENTIALS_NOT_CONFIGURED = 'WindowsCredentialsNotConfigured';

/** Throws one ValidationError (→ one 400) listing every violation, or returns when there is none. */
export function throwIfViolations(violations: Violation[], what: string): void {
  if (violations.length === 0) return;
  const noun = violations.length === 1 ? 'violation' : 'violations';
  throw new ValidationError(`The ${what} breaks ${violations.length} rule ${noun}; see errors.`, [...violations]);
}

/** The guardrails in force, and the region's catalogue when a version has to be checked for preview. */
export async function guardrailInputs(
  deps: ClusterDependencies,
  subscriptionId: string,
  location: string,
  versions: ReadonlyArray<string | undefined>,
): Promise<{ guardrails: Guardrails; catalogue?: VersionCatalogue }> {
  const { guardrails } = await deps.guardrails.get();
  const needsCatalogue = guardrails.allowPreviewVersions !== true && versions.some((version) => version);
  if (!needsCatalogue) return { guardrails };
  return { guardrails, catalogue: await deps.catalogues.get(subscriptionId, location) };
}

/** Windows pools need admin credentials from configuration, unless the cluster already has its Windows profile. */
export function windowsCredentialViolations(
  pools: ReadonlyArray<Pick<NodePoolSpec, 'osType'>>,
  pathOf: (index: number) => string,
  deps: ClusterDependencies,
  existing: ManagedCluster | undefined,
): Violation[] {
  if (existing?.windowsProfile || deps.windowsCredentials()) return [];
  return pools.flatMap((pool, index) =>
    pool.osType === 'Windows'
      ? [
          {
            path: pathOf(index),
            code: WINDOWS_CREDENTIALS_NOT_CONFIGURED,
            message: 'Windows node pools need admin credentials, which this Fleetplane deployment does not have configured',
          },
        ]
      : [],
  );
}

/**
 * Guardrails, locally checkable AKS rules, configuration prerequisites and the preflight (VM sizes, zones,
 * quota and versions of the region), all at once.
 */
export async function clusterSpecViolations(
  deps: ClusterDependencies,
  subscriptionId: string,
  spec: ClusterSpec,
  existing: { cluster: ManagedCluster; view: ClusterView } | undefined,
): Promise<Violation[]> {
  const versions = [spec.kubernetesVersion, ...spec.nodePools.map((pool) => pool.orchestratorVersion)];
  const [{ guardrails, catalogue }, preflight] = await Promise.all([
    guardrailInputs(deps, subscriptionId, spec.location, versions),
    clusterPreflightViolations(deps, subscriptionId, spec, existing),
  ]);
  return [
    ...evaluateGuardrails(spec, guardrails, catalogue ? { catalogue } : {}),
    ...checkAksRules(spec, existing?.view),
    ...(existing ? clusterUpdatePoolViolations(spec, existing.view) : []),
    ...windowsCredentialViolations(spec.nodePools, (index) => `nodePools[${index}].osType`, deps, existing?.cluster),
    ...preflight,
  ];
}
