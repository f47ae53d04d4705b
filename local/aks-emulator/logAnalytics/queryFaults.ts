/**
 * Faults a test can inject into the query API: a query that "runs" longer than the request's server timeout
 * (answered 504), or a partial failure (200 with the tables and a PartialError). No real time passes.
 */
export interface QueryFaultRule {
  /** Only queries whose text contains this. Default: every query. */
  readonly queryContains?: string;
  /** Only queries to this workspace. */
  readonly workspaceId?: string;
  /** Simulated run time in seconds; above the request's `Prefer: wait` (default 180 s) the answer is 504. */
  readonly runSeconds?: number;
  /** Answers with the tables plus a PartialError carrying this engine message… */
  readonly partialErrorMessage?: string;
  /** …and this engine error code (default E_QUERY_RESULT_SET_TOO_LARGE's, -2133196797). */
  readonly partialErrorCode?: string;
  /** How many matching queries the rule applies to. Default: until cleared. */
  readonly times?: number;
}

export class QueryFaults {
  private rules: { rule: QueryFaultRule; remaining: number }[] = [];

  inject(rule: QueryFaultRule): void {
    this.rules.push({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule matching the query, consuming one of its uses. */
  take(workspaceId: string, query: string): QueryFaultRule | undefined {
    const entry = this.rules.find(
      ({ rule, remaining }) =>
        remaining > 0 &&
        (rule.workspaceId === undefined || rule.workspaceId === workspaceId) &&
        (rule.queryContains === undefined || query.includes(rule.queryContains)),
    );
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    return entry.rule;
  }
}
