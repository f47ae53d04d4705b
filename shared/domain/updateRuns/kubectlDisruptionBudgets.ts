import type { PodDisruptionBudgetFact } from './memberFacts';

/**
 * The command the preflight runs through AKS run command: one List of every PDB, pod and node, enough to tell which
 * pools each PDB's pods sit on (a node's pool is its `kubernetes.azure.com/agentpool` label).
 */
export const DISRUPTION_BUDGETS_COMMAND = 'kubectl get pdb,pods,nodes -A -o json';

const AGENT_POOL_LABELS = ['kubernetes.azure.com/agentpool', 'agentpool'];

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

interface KubeItem {
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  spec?: { nodeName?: string; selector?: LabelSelector | null };
  status?: { phase?: string; disruptionsAllowed?: number };
}

/** Reads kubectl's JSON List into each PDB's allowed disruptions and the pools of the pods it selects. */
export function disruptionBudgetsFromKubectl(logs: string): { ok: true; budgets: PodDisruptionBudgetFact[] } | { ok: false; reason: string } {
  let list: { items?: KubeItem[] };
  try {
    list = JSON.parse(logs) as { items?: KubeItem[] };
  } catch {
    return { ok: false, reason: `kubectl did not print JSON: ${logs.slice(0, 200)}` };
  }
  if (!Array.isArray(list.items)) return { ok: false, reason: 'kubectl printed no item list' };
  const items = list.items;
  const poolOfNode = new Map(items.filter((item) => item.kind === 'Node').map((node) => [node.metadata?.name ?? '', poolLabelOf(node)]));
  const pods = items.filter((item) => item.kind === 'Pod' && item.status?.phase !== 'Succeeded' && item.status?.phase !== 'Failed');
  const budgets = items
    .filter((item) => item.kind === 'PodDisruptionBudget')
    .map((pdb) => {
      const namespace = pdb.metadata?.namespace ?? '';
      const selected = pods.filter((pod) => pod.metadata?.namespace === namespace && selects(pdb.spec?.selector, pod.metadata?.labels ?? {}));
      const pools = new Set(selected.flatMap((pod) => {
        const pool = poolOfNode.get(pod.spec?.nodeName ?? '');
        return pool ? [pool] : [];
      }));
      return { namespace, name: pdb.metadata?.name ?? '', disruptionsAllowed: pdb.status?.disruptionsAllowed ?? 0, pools: [...pools].sort() };
    });
  return { ok: true, budgets };
}

function poolLabelOf(node: KubeItem): string | undefined {
  const labels = node.metadata?.labels ?? {};
  return AGENT_POOL_LABELS.map((label) => labels[label]).find((pool) => pool !== undefined);
}

/** Kubernetes label-selector semantics (policy/v1: a null selector selects nothing, an empty one every pod). */
export function selects(selector: LabelSelector | null | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  return byLabel && (selector.matchExpressions ?? []).every((expression) => matchesExpression(expression, labels));
}

function matchesExpression(expression: { key: string; operator: string; values?: string[] }, labels: Record<string, string>): boolean {
  const value = labels[expression.key];
  const values = expression.values ?? [];
  switch (expression.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      return false;
  }
}
