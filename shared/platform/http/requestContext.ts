import type { AccessDecision } from '../../domain/access/decision';
import type { FieldIssue } from '../../domain/errors';

/** Checks `resource.verb` at `scope` for the caller; a denial throws (→ 403). Always called before ARM. */
export type Authorize = (resource: string, verb: string, scope: string) => Promise<unknown>;

/** What a read needs from the request. */
export interface ReadContext {
  authorize: Authorize;
}

/** What a write needs from the request, besides its body. */
export interface WriteContext extends ReadContext {
  /** The caller's decision at a scope, neither enforced nor recorded (e.g. for a resource the body references). */
  decide: (resource: string, verb: string, scope: string) => Promise<AccessDecision>;
  /** Records a decision like `authorize` does and throws (→ 403 listing `issues`) when it denies. */
  enforce: (decision: AccessDecision, permission: string, target: string, issues?: FieldIssue[]) => AccessDecision;
  caller: { tenantId: string; objectId: string };
  correlationId: string;
  /** The absolute URL callers poll for an operation. */
  operationUrl: (operationId: string) => string;
  /** `If-Match`: the write proceeds only if the resource still has this ETag (`*` = exists). */
  ifMatch?: string;
  /** `Idempotency-Key`: the same key and request get the same response. */
  idempotencyKey?: string;
  /** Identity of the request (method, path, body) for Idempotency-Key. */
  requestHash: string;
  /** Validate and return the effective settings; nothing is sent to ARM that changes anything. */
  dryRun?: boolean;
  /** Set by the Idempotency-Key handling: told the operation id before ARM is called. */
  onOperationRecorded?: (operationId: string) => Promise<void>;
}

/** An HTTP answer as the services produce it; also what an Idempotency-Key replays. */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}
