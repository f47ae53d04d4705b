import { stableFraction, stableUuid } from '../stableNames';
import type { WorkloadView } from '../workloadSnapshot';
import type { ApiClientSpec } from '../workloadSpec';
import { apiStatus, deprecationOf } from './deprecatedApis';
import { controlPlanePod } from './klog';
import type { TableContext } from './tableContext';
import { MINUTE_MS, commonColumns, iso, runningViews } from './tableContext';
import type { Row } from './tableSchemas';

/**
 * AKSAudit / AKSAuditAdmin: one audit event per call of each API client of the workload (evenly spaced, callsPerHour),
 * at Metadata level. Calls to a deprecated version carry `k8s.io/deprecated` (and `k8s.io/removed-release`); calls to
 * a version the cluster no longer serves answer 404. AKSAuditAdmin leaves out get, list and watch.
 */

export interface ApiCall {
  atMs: number;
  client: ApiClientSpec;
  index: number;
  view: WorkloadView;
}

export function apiCalls(ctx: TableContext): ApiCall[] {
  return runningViews(ctx).flatMap((view) =>
    view.spec.apiClients.flatMap((client) => {
      const interval = 3_600_000 / client.callsPerHour;
      const phase = stableFraction(ctx.clusterKey, client.userAgent, client.resource) * interval;
      const calls: ApiCall[] = [];
      for (let k = Math.ceil((view.atMs - phase) / interval); phase + k * interval < view.atMs + MINUTE_MS; k += 1) {
        const atMs = Math.floor(phase + k * interval);
        if (atMs >= ctx.fromMs && atMs < ctx.toMs && atMs <= ctx.nowMs) calls.push({ atMs, client, index: k, view });
      }
      return calls;
    }),
  );
}

export const auditRows = (ctx: TableContext): Row[] => apiCalls(ctx).map((call) => auditRow(ctx, call, 'AKSAudit'));

export const auditAdminRows = (ctx: TableContext): Row[] =>
  apiCalls(ctx)
    .filter((call) => !['get', 'list', 'watch'].includes(call.client.verb))
    .map((call) => auditRow(ctx, call, 'AKSAuditAdmin'));

export function requestUri(client: ApiClientSpec, view: WorkloadView): string {
  const base = client.group === '' ? `/api/${client.version}` : `/apis/${client.group}/${client.version}`;
  const scope = client.namespace === undefined ? '' : `/namespaces/${client.namespace}`;
  const object = client.verb === 'get' || client.verb === 'update' || client.verb === 'patch' || client.verb === 'delete' ? `/${objectName(client, view)}` : '';
  return `${base}${scope}/${client.resource}${object}${client.verb === 'list' ? '?limit=500' : client.verb === 'watch' ? '?watch=true' : ''}`;
}

const objectName = (client: ApiClientSpec, view: WorkloadView): string => (client.resource === 'nodes' ? (view.nodes[0]?.name ?? 'node') : `${client.resource.replace(/s$/, '')}-0`);

function auditRow(ctx: TableContext, call: ApiCall, table: 'AKSAudit' | 'AKSAuditAdmin'): Row {
  const { client, view } = call;
  const status = apiStatus(deprecationOf(client.group, client.version, client.resource), view.kubernetesVersion);
  const deprecation = deprecationOf(client.group, client.version, client.resource);
  const serviceAccount = /^system:serviceaccount:([^:]+):/.exec(client.user);
  return {
    ...commonColumns(ctx, table, call.atMs),
    AuditId: stableUuid(ctx.clusterKey, client.userAgent, client.resource, call.index),
    Verb: client.verb,
    RequestUri: requestUri(client, view),
    User: { username: client.user, groups: serviceAccount ? ['system:serviceaccounts', `system:serviceaccounts:${serviceAccount[1]}`, 'system:authenticated'] : ['system:authenticated'] },
    SourceIps: [client.sourceIp],
    UserAgent: client.userAgent,
    ObjectRef: { resource: client.resource, ...(client.namespace === undefined ? {} : { namespace: client.namespace }), ...(client.group === '' ? {} : { apiGroup: client.group }), apiVersion: client.version },
    RequestObject: null,
    ResponseObject: null,
    ResponseStatus: status === 'removed' ? { metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 } : { metadata: {}, code: 200 },
    Annotations: {
      'authorization.k8s.io/decision': 'allow',
      'authorization.k8s.io/reason': 'RBAC: allowed by ClusterRoleBinding',
      ...(status === 'deprecated' ? { 'k8s.io/deprecated': 'true', ...(deprecation?.removedIn ? { 'k8s.io/removed-release': deprecation.removedIn } : {}) } : {}),
    },
    Level: 'Metadata',
    Stage: 'ResponseComplete',
    RequestReceivedTime: iso(call.atMs),
    StageReceivedTime: iso(call.atMs + 3 + Math.floor(stableFraction(ctx.clusterKey, call.index, 'latency') * 40)),
    PodName: controlPlanePod(ctx.clusterKey, 'kube-apiserver'),
  };
}
