import { kqlStringList } from '../logs/kqlLiterals';
import type { QueryRows } from '../health';
import type { InventoryNode } from '../upgrades/run';

/** How far back the node inventory is read (Container Insights lists every node each minute). */
export const NODE_INVENTORY_LOOKBACK_MINUTES = 10;
/** A refused eviction this recent means the drain is still blocked (AKS retries the eviction until its drain timeout). */
export const PDB_EVENT_LOOKBACK_MINUTES = 5;

const POOL_LABEL = 'kubernetes.azure.com/agentpool';
const IMAGE_LABEL = 'kubernetes.azure.com/node-image-version';

/** Each node's last KubeNodeInventory row, for many clusters of one workspace. Ids only become string literals. */
export function nodeInventoryQuery(clusterIds: readonly string[]): string {
  return [`KubeNodeInventory | where _ResourceId in~ ${kqlStringList(clusterIds)}`, 'summarize arg_max(TimeGenerated, Labels, KubeletVersion) by _ResourceId, Computer'].join('\n| ');
}

/**
 * Nodes whose drain a PodDisruptionBudget refuses: AKS's Warning event on the node carries the eviction error
 * ("Cannot evict pod as it would violate the pod's disruption budget").
 */
export function pdbBlockedDrainQuery(clusterIds: readonly string[]): string {
  return [
    `KubeEvents | where _ResourceId in~ ${kqlStringList(clusterIds)}`,
    'where ObjectKind == "Node" and KubeEventType == "Warning" and Message contains "disruption budget"',
    'summarize LastSeen = max(TimeGenerated) by _ResourceId, Name',
  ].join('\n| ');
}

type Cell = (row: readonly unknown[], name: string) => string;

function cellReader(result: QueryRows): Cell {
  const index = new Map(result.columns.map((column, i) => [column.name, i]));
  return (row, name) => {
    const value = row[index.get(name) ?? -1];
    if (value instanceof Date) return value.toISOString();
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
}

/** Nodes per lower-case cluster id; a row whose labels do not parse or name no pool is left out. */
export function readInventoryNodes(result: QueryRows): Map<string, InventoryNode[]> {
  const cell = cellReader(result);
  const byCluster = new Map<string, InventoryNode[]>();
  for (const row of result.rows) {
    const labels = labelsOf(cell(row, 'Labels'));
    const pool = labels[POOL_LABEL];
    if (!pool) continue;
    const id = cell(row, '_ResourceId').toLowerCase();
    const node: InventoryNode = { name: cell(row, 'Computer'), pool, kubeletVersion: cell(row, 'KubeletVersion'), nodeImageVersion: labels[IMAGE_LABEL], at: cell(row, 'TimeGenerated') };
    byCluster.set(id, [...(byCluster.get(id) ?? []), node]);
  }
  return byCluster;
}

/** Names of the nodes with a refused eviction, per lower-case cluster id. */
export function readPdbBlockedNodes(result: QueryRows): Map<string, Set<string>> {
  const cell = cellReader(result);
  const byCluster = new Map<string, Set<string>>();
  for (const row of result.rows) {
    const id = cell(row, '_ResourceId').toLowerCase();
    byCluster.set(id, (byCluster.get(id) ?? new Set()).add(cell(row, 'Name')));
  }
  return byCluster;
}

/** KubeNodeInventory's Labels: a JSON array holding one object of label → value. */
function labelsOf(text: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(text);
    const first: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
    return first && typeof first === 'object' ? (first as Record<string, string>) : {};
  } catch {
    return {};
  }
}
