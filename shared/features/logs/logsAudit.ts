import type { LogFilterName, LogSource, LogTimeRange } from '../../domain/logs';
import type { HttpCall } from '../../platform/http/handleHttp';
import { errorToProblem } from '../../platform/http/errorToProblem';
import type { LogAccess } from './logAccess';
import type { LogsDependencies } from './logsDependencies';

export interface LogQueryFacts {
  clusterId: string;
  source: LogSource;
  filters: Partial<Record<LogFilterName, string>>;
  range: LogTimeRange;
  access: LogAccess;
  durationMs: number;
}

/**
 * One audit record per log query (the pipeline records only denials of a GET): who, which cluster, the source,
 * filters and window, the namespaces it was limited to, rows returned and duration. The audit event has no
 * field for query details, so they travel in `reason` after the access decision, as `key=value` pairs.
 * A failed write is logged, not thrown: the caller already has, or will get, the answer.
 */
export async function auditLogQuery(
  deps: Pick<LogsDependencies, 'recordAudit' | 'now'>,
  call: Pick<HttpCall<unknown, unknown, unknown>, 'caller' | 'correlationId' | 'log'>,
  facts: LogQueryFacts & ({ rows: number } | { error: unknown }),
): Promise<void> {
  const status = 'error' in facts ? errorToProblem(facts.error).body.status : 200;
  const rows = 'rows' in facts ? facts.rows : 0;
  const summary = querySummary(facts, rows);
  const { caller } = call;
  try {
    await deps.recordAudit({
      time: deps.now().toISOString(),
      caller: {
        tenantId: caller.tenantId,
        objectId: caller.objectId,
        kind: caller.kind,
        ...(caller.displayName ? { displayName: caller.displayName } : {}),
        ...(caller.clientAppId ? { clientAppId: caller.clientAppId } : {}),
      },
      action: 'getClusterLogs',
      method: 'GET',
      target: facts.clusterId,
      permission: 'clusters/logs.query',
      decision: 'allowed',
      reason: `${facts.access.decision.reason}; ${summary}`,
      outcome: status < 400 ? 'succeeded' : 'failed',
      status,
      correlationId: call.correlationId,
    });
  } catch (error) {
    call.log.error('Could not write the audit record of a log query', { error: (error as Error).message });
  }
  call.log.info('Log query', { clusterId: facts.clusterId, source: facts.source, rows, status, durationMs: facts.durationMs });
}

function querySummary(facts: LogQueryFacts, rows: number): string {
  const parts = [
    `source=${facts.source}`,
    `filters=${JSON.stringify(facts.filters)}`,
    `since=${facts.range.start.toISOString()}`,
    `until=${facts.range.end.toISOString()}`,
    ...(facts.access.scope.kind === 'namespaces' ? [`namespaces=${facts.access.scope.namespaces.join(',')}`] : []),
    `rows=${rows}`,
    `durationMs=${facts.durationMs}`,
  ];
  return parts.join(' ');
}
