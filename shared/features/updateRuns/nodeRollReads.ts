import { monitoringWorkspaceOf } from '../../domain/fleet/monitoringAddon';
import { NODE_INVENTORY_LOOKBACK_MINUTES, nodeInventoryQuery, PDB_EVENT_LOOKBACK_MINUTES, pdbBlockedDrainQuery, readInventoryNodes, readPdbBlockedNodes } from '../../domain/updateRuns';
import { rollingFromNodes, type PoolTarget, type RollingUpdate } from '../../domain/upgrades/run';
import { runBounded } from '../../platform/concurrency/runBounded';
import type { BatchQuery, LogRowsResult } from '../../platform/monitor/logsClient';
import type { Logger } from '../../platform/observability/logger';
import { clusterTargetOf } from './clusterTarget';
import type { RunEngineDependencies } from './runEngineDependencies';
import type { RunMember, UpdateRun } from './updateRunDocument';

const CLUSTER_READ_CONCURRENCY = 8;
const MINUTE_MS = 60_000;

interface RollingMember {
  clusterId: string;
  workspace: string;
  pools: PoolTarget[];
}

/**
 * The node roll of every member whose step runs, from Container Insights: the workspace and pool counts the plan
 * kept (no ARM read), then ONE Log Analytics batch per workspace (node inventory + refused evictions) covers
 * all its members. A member whose cluster, workspace or query cannot be read is left out: its `rolling` stays as it was.
 */
export async function readNodeRolls(deps: RunEngineDependencies, run: UpdateRun, now: Date, log: Logger): Promise<Record<string, RollingUpdate>> {
  const running = run.members.filter(hasPoolStepRunning);
  if (running.length === 0) return {};
  const resolved = await runBounded(running.map((member) => () => rollingMemberOf(deps, member, log)), CLUSTER_READ_CONCURRENCY);
  const byWorkspace = new Map<string, RollingMember[]>();
  for (const member of resolved) if (member) byWorkspace.set(member.workspace, [...(byWorkspace.get(member.workspace) ?? []), member]);
  const reads: Record<string, RollingUpdate> = {};
  await Promise.all([...byWorkspace].map(async ([workspace, members]) => Object.assign(reads, await readWorkspace(deps, workspace, members, now, log))));
  return reads;
}

function hasPoolStepRunning(member: RunMember): boolean {
  const step = member.steps[member.currentStep];
  return member.status === 'Running' && step?.status === 'Running' && Object.keys(step.nodePools ?? {}).length > 0;
}

/** Where and what to read for a member: from its plan, or (runs planned before plans kept them) one cluster GET. */
async function rollingMemberOf(deps: RunEngineDependencies, member: RunMember, log: Logger): Promise<RollingMember | undefined> {
  if (member.poolNodeCounts) {
    // Planned with its workspace kept: none means the cluster has no Container Insights to read.
    if (!member.workspaceResourceId) return undefined;
    return rollingMember(member, member.workspaceResourceId, new Map(Object.entries(member.poolNodeCounts).map(([pool, count]) => [pool.toLowerCase(), count])));
  }
  try {
    const target = clusterTargetOf(member.clusterId);
    const cluster = await deps.containerService(target.subscriptionId).managedClusters.get(target.resourceGroup, target.clusterName);
    const workspace = monitoringWorkspaceOf(cluster.addonProfiles);
    if (!workspace) return undefined;
    return rollingMember(member, workspace, new Map((cluster.agentPoolProfiles ?? []).map((pool) => [pool.name.toLowerCase(), pool.count ?? 0])));
  } catch (error) {
    log.warn('Could not read a member cluster for its node roll; its rolling picture stays as it was', { cluster: member.clusterId, error: errorText(error) });
    return undefined;
  }
}

function rollingMember(member: RunMember, workspace: string, counts: ReadonlyMap<string, number>): RollingMember {
  const step = member.steps[member.currentStep]!;
  const pools = Object.entries(step.nodePools ?? {}).map(([pool, to]) => ({ pool, target: to, kind: step.nodeImage ? ('nodeImage' as const) : ('version' as const), count: counts.get(pool.toLowerCase()) ?? 0 }));
  return { clusterId: member.clusterId, workspace: workspace.toLowerCase(), pools };
}

async function readWorkspace(deps: RunEngineDependencies, workspace: string, members: readonly RollingMember[], now: Date, log: Logger): Promise<Record<string, RollingUpdate>> {
  const ids = members.map((member) => member.clusterId);
  const since = (minutes: number) => ({ start: new Date(now.getTime() - minutes * MINUTE_MS), end: now });
  try {
    const workspaceId = await deps.workspaceCustomerId(workspace);
    const queries: BatchQuery[] = [
      { workspaceId, query: nodeInventoryQuery(ids), range: since(NODE_INVENTORY_LOOKBACK_MINUTES) },
      { workspaceId, query: pdbBlockedDrainQuery(ids), range: since(PDB_EVENT_LOOKBACK_MINUTES) },
    ];
    const [inventory, evictions] = (await deps.queryLogsBatch(queries)).map(rowsOrThrow);
    const nodes = readInventoryNodes(inventory!);
    const blocked = readPdbBlockedNodes(evictions!);
    const reads: Record<string, RollingUpdate> = {};
    for (const member of members) {
      const id = member.clusterId.toLowerCase();
      const read = rollingFromNodes(member.pools, nodes.get(id) ?? [], blocked.get(id) ?? new Set());
      if (read) reads[id] = read;
    }
    return reads;
  } catch (error) {
    log.warn('Could not read the node roll from Log Analytics; the members keep their rolling picture', { workspace, members: ids.length, error: errorText(error) });
    return {};
  }
}

function rowsOrThrow(answer: LogRowsResult | Error): LogRowsResult {
  if (answer instanceof Error) throw answer;
  return answer;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);
