import { compareVersions } from '../catalogue/versions';
import { ArmError } from '../errors';
import type { ClusterState, JsonObject, PoolState, RecentlyUsedVersion } from '../model';
import type { Fleet } from '../engine/fleet';
import { rollbackCandidates } from '../engine/recentlyUsedVersions';
import { asObject, asString } from './requestShapes';

/**
 * Node-pool rollback (AKS API 2026-04-01+). The installed SDK (@azure/arm-containerservice 25.5.0) has no
 * rollback operation; its AgentPool model says "Setting nodeImageVersion triggers an agentPool rollback. Only
 * values from `recentlyUsedVersions` are allowed." So a rollback is an agent-pool PUT whose nodeImageVersion
 * names an entry of the pool upgrade profile's `recentlyUsedVersions` (with orchestratorVersion absent or that
 * entry's; node images are not tied to one Kubernetes version, so the pair picks the entry). Rules from the AKS docs: within 7 days, cluster auto-upgrade disabled.
 * Returns the entry to roll back to, or undefined when the PUT asks for no rollback.
 */
export function requestedRollback(fleet: Fleet, cluster: ClusterState, pool: PoolState, props: JsonObject): RecentlyUsedVersion | undefined {
  const image = nonEmpty(asString(props['nodeImageVersion']));
  const version = nonEmpty(asString(props['orchestratorVersion']));
  if (image === undefined) return undefined;
  // The current image sent back with a PUT (a read-modify-write) asks for no rollback, unless the version goes down.
  if (image === pool.nodeImageVersion && (version === undefined || compareVersions(version, pool.currentOrchestratorVersion) >= 0)) return undefined;
  const entry = rollbackCandidates(pool, fleet.clock.now()).find((v) => v.nodeImageVersion === image && (version === undefined || v.orchestratorVersion === version));
  if (!entry) {
    throw new ArmError(
      400,
      'InvalidParameter',
      `Node image version '${image}'${version === undefined ? '' : ` with Kubernetes version ${version}`} is not in the agent pool's recentlyUsedVersions; a rollback can only return to a version the pool ran in the last 7 days.`,
      'nodeImageVersion',
    );
  }
  const channel = asString(asObject(cluster.properties['autoUpgradeProfile'])['upgradeChannel']) ?? 'none';
  if (channel.toLowerCase() !== 'none') {
    throw new ArmError(400, 'OperationNotAllowed', `Node pool rollback is not allowed while the cluster's auto-upgrade channel is '${channel}'. Set it to 'none' first.`);
  }
  return entry;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}
