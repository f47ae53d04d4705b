import type { BatchQuery, LogRowsResult } from '../../platform/monitor/logsClient';
import type { ListedCluster } from './listedClusters';

export interface WorkspaceLogPorts {
  workspaceCustomerId: (workspaceResourceId: string) => Promise<string>;
  queryLogsBatch: (queries: readonly BatchQuery[]) => Promise<(LogRowsResult | Error)[]>;
}

export type LogAnswer = LogRowsResult | Error;

/**
 * One reader of the cycle's Log Analytics pass (pending pods, Log Analytics targets): the queries it wants for a
 * chunk of clusters sharing a workspace, and what it makes of their answers (in the same order; an Error when the
 * query, or the whole request, failed).
 */
export interface ChunkReader {
  queriesFor(chunk: readonly ListedCluster[]): { query: string; range: { start: Date; end: Date } }[];
  read(chunk: readonly ListedCluster[], answers: readonly LogAnswer[]): void;
}

const CLUSTERS_PER_CHUNK = 100;

/**
 * Every reader's queries in one `$batch` request per workspace and 100 clusters: the workspace is resolved once per
 * chunk, and a chunk nobody has a query for costs nothing. A failed request (or workspace) answers every query of
 * the chunk with its error, so each reader marks its own clusters unavailable with the reason.
 */
export async function queryPerWorkspace(ports: WorkspaceLogPorts, clusters: readonly ListedCluster[], readers: readonly ChunkReader[]): Promise<void> {
  const byWorkspace = new Map<string, ListedCluster[]>();
  for (const cluster of clusters) {
    if (cluster.workspaceResourceId === undefined) continue;
    const key = cluster.workspaceResourceId.toLowerCase();
    if (byWorkspace.get(key)?.some((known) => known.id.toLowerCase() === cluster.id.toLowerCase())) continue;
    byWorkspace.set(key, [...(byWorkspace.get(key) ?? []), cluster]);
  }
  for (const group of byWorkspace.values()) {
    for (let start = 0; start < group.length; start += CLUSTERS_PER_CHUNK) await queryChunk(ports, group.slice(start, start + CLUSTERS_PER_CHUNK), readers);
  }
}

async function queryChunk(ports: WorkspaceLogPorts, chunk: readonly ListedCluster[], readers: readonly ChunkReader[]): Promise<void> {
  const wanted = readers.map((reader) => ({ reader, queries: reader.queriesFor(chunk) })).filter((entry) => entry.queries.length > 0);
  if (wanted.length === 0) return;
  let answers: LogAnswer[];
  try {
    const workspaceId = await ports.workspaceCustomerId(chunk[0]!.workspaceResourceId!);
    answers = await ports.queryLogsBatch(wanted.flatMap((entry) => entry.queries.map((query) => ({ workspaceId, ...query }))));
  } catch (error) {
    for (const { reader, queries } of wanted) reader.read(chunk, queries.map(() => error as Error));
    return;
  }
  let offset = 0;
  for (const { reader, queries } of wanted) {
    reader.read(chunk, answers.slice(offset, offset + queries.length));
    offset += queries.length;
  }
}

/** A result's rows as column name → value. */
export function rowsOf(result: LogRowsResult): Record<string, unknown>[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((column, index) => [column.name, row[index]])));
}

/**
 * Why an answer is no reading, or undefined when it is one. The SDK reports a query of a batch that the service
 * refused as a partial failure without tables; part of the rows is no reading either (it would undercount).
 */
export function failureOf(answer: LogAnswer | undefined): string | undefined {
  if (answer === undefined) return 'Log Analytics returned no answer for the query';
  if (answer instanceof Error) return answer.message;
  if (!answer.partialError) return undefined;
  const what = answer.columns.length === 0 ? 'refused the query' : 'returned part of the rows';
  return `Log Analytics ${what} (${answer.partialError.code}: ${answer.partialError.message})`;
}
