import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { AccessDecision, AccessOptions, Caller, RoleBinding } from '../../domain/access';
import type { AuditEvent } from '../../domain/audit/auditEvent';
import type { LogRowsResult } from '../../platform/monitor/logsClient';

/** What the log queries need; the composition root wires them (tests build them over Azurite and the emulators). */
export interface LogsDependencies {
  containerService: (subscriptionId: string) => ContainerServiceClient;
  /** A workspace resource id → its customerId (the query API's workspace id). */
  workspaceCustomerId: (workspaceResourceId: string) => Promise<string>;
  queryWorkspace: (workspaceId: string, query: string, range: { start: Date; end: Date }) => Promise<LogRowsResult>;
  /** A resource-context query: the service limits the rows to the resource's; `timespan` is an ISO 8601 duration. */
  queryResource: (resourceId: string, query: string, timespan: string) => Promise<LogRowsResult>;
  decide: (caller: Caller, verb: string, resource: string, scope: string) => Promise<AccessDecision>;
  roleBindings: () => Promise<{ bindings: RoleBinding[]; options: AccessOptions }>;
  recordAudit: (event: Omit<AuditEvent, 'id'>) => Promise<void>;
  now: () => Date;
  /** Base of the nextLink of a page (FLEETPLANE_PUBLIC_BASE_URL); the request's origin when unset. */
  publicBaseUrl?: string | undefined;
}
