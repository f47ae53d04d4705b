import { kqlStringList } from '../../logs/kqlLiterals';

/**
 * A policy's Log Analytics target is one KQL statement that names its table first and ends in
 * `| summarize value = … by _ResourceId, NodePool`. The cycle runs it over many clusters of a workspace at once,
 * with `| where _ResourceId in~ (…)` put right after the table: the service (and the emulator) then read only those
 * clusters' rows, and the user never has to know which clusters share the workspace.
 */

export const LOG_ANALYTICS_VALUE_COLUMN = 'value';
export const LOG_ANALYTICS_GROUP_COLUMNS = ['_ResourceId', 'NodePool'] as const;

const LEADING_TABLE = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\|/;
const FINAL_SUMMARIZE = /^\s*summarize\s+value\s*=\s*\S[\s\S]*?\bby\s+([\s\S]+?)\s*$/;

/** Why the query cannot run as a target (a sentence for the 400), or undefined when it can. */
export function logAnalyticsQueryProblem(query: string): string | undefined {
  if (query.includes(';')) return 'must be one statement (no ";")';
  if (!LEADING_TABLE.test(query)) return 'must start with the table it reads, then "|" (e.g. "KubePodInventory | …"); let and union are not supported';
  const last = query.slice(query.lastIndexOf('|') + 1);
  const by = FINAL_SUMMARIZE.exec(last)?.[1];
  if (by === undefined) return 'must end in "| summarize value = … by _ResourceId, NodePool" (one number per cluster and pool)';
  // `by _ResourceId, NodePool = <expression>` names the column too.
  const groups = topLevelTerms(by).map((term) => term.split('=')[0]!.trim());
  const missing = LOG_ANALYTICS_GROUP_COLUMNS.filter((column) => !groups.includes(column));
  const extra = groups.filter((column) => !(LOG_ANALYTICS_GROUP_COLUMNS as readonly string[]).includes(column));
  if (missing.length > 0 || extra.length > 0) {
    const found = [...(missing.length > 0 ? [`missing ${missing.join(', ')}`] : []), ...(extra.length > 0 ? [`also by ${extra.join(', ')}`] : [])];
    return `the final summarize must group by ${LOG_ANALYTICS_GROUP_COLUMNS.join(' and ')} only, one number per cluster and pool (${found.join('; ')})`;
  }
  return undefined;
}

/** A `by` list split at its top-level commas (not those inside `bin(…, 1m)` or a string). */
function topLevelTerms(list: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (const character of list) {
    if (quote !== undefined) {
      if (character === quote) quote = undefined;
    } else if (character === '"' || character === "'") quote = character;
    else if (character === '(' || character === '[') depth += 1;
    else if (character === ')' || character === ']') depth -= 1;
    else if (character === ',' && depth === 0) {
      terms.push(current);
      current = '';
      continue;
    }
    current += character;
  }
  return [...terms, current];
}

/** The query as it runs for some clusters (ids compared case-insensitively). Assumes a query without problem. */
export function scopedLogAnalyticsQuery(query: string, clusterIds: readonly string[]): string {
  const match = LEADING_TABLE.exec(query);
  if (!match) throw new RangeError('The query does not start with a table.');
  const rest = query.slice(match[0].length).trim();
  return `${match[1]}\n| where _ResourceId in~ ${kqlStringList(clusterIds)}\n| ${rest}`;
}
