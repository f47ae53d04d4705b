import type { Fleet } from '../engine/fleet';
import type { OperationRecord } from '../engine/operations';
import { subResourceNotFound } from '../errors';
import type { ClusterState } from '../model';
import { findPool } from '../model';
import * as clusters from '../services/clusterService';
import type { MutationOptions } from '../services/clusterService';
import * as maintenance from '../services/maintenanceService';
import * as pools from '../services/poolService';
import { availableAgentPoolVersions, clusterUpgradeProfile, kubernetesVersionsPayload, poolUpgradeProfile } from '../services/versionViews';
import { addComputeRoutes } from '../compute/computeRoutes';
import { addSubnetRoutes } from '../network/subnetRoutes';
import { addRunCommandRoutes } from '../runCommand/runCommandRoutes';
import { addMonitorRoutes } from '../monitor/monitorRoutes';
import { clusterFqdn, renderCluster, renderMaintenanceConfiguration, renderPool } from '../wire';
import type { WorkloadSimulation } from '../workload/workloadSimulation';
import { addWorkspaceRoutes } from '../workspaces/workspaceRoutes';
import { lroHeaders, operationResultsUrl } from './lroHeaders';
import { paginate } from './paging';
import type { ArmResponse, RequestContext } from './router';
import { Router } from './router';

export interface ArmContext {
  fleet: Fleet;
  workload: WorkloadSimulation;
  publicBaseUrl: string;
  retryAfterSeconds?: number;
  pageSize: number;
  injectedFailure?: { code: string; message: string };
}

const S = '/subscriptions/{sub}';
const RP = '/providers/Microsoft.ContainerService';
const MC = `${S}/resourceGroups/{rg}${RP}/managedClusters/{name}`;

const clusterOf = (r: RequestContext, c: ArmContext): ClusterState => c.fleet.requireCluster(r.params['sub'] ?? '', r.params['rg'] ?? '', r.params['name'] ?? '');
const param = (r: RequestContext, key: string): string => r.params[key] ?? '';

function mutationOptions(r: RequestContext, c: ArmContext): MutationOptions {
  const header = (name: string): string | undefined => {
    const v = r.headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  const ifMatch = header('if-match');
  const ifNoneMatch = header('if-none-match');
  return {
    ...(ifMatch === undefined ? {} : { ifMatch }),
    ...(ifNoneMatch === undefined ? {} : { ifNoneMatch }),
    ...(c.injectedFailure ? { injectedFailure: c.injectedFailure } : {}),
  };
}

function withLro(c: ArmContext, r: RequestContext, response: ArmResponse, op: OperationRecord | undefined, withLocation: boolean): ArmResponse {
  if (!op) return response;
  return { ...response, headers: { ...response.headers, ...lroHeaders(c, op, r.apiVersion, withLocation) } };
}

function kubeconfig(cluster: ClusterState, user: string, format: string | null): string {
  const server = `https://${clusterFqdn(cluster)}:443`;
  const userBlock =
    format === 'exec'
      ? `    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: kubelogin\n      args: [get-token, --login, azurecli, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630]\n`
      : `    token: emulator-${user}-token\n`;
  return `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: ${server}\n  name: ${cluster.name}\ncontexts:\n- context:\n    cluster: ${cluster.name}\n    user: ${user}_${cluster.resourceGroup}_${cluster.name}\n  name: ${cluster.name}\ncurrent-context: ${cluster.name}\nusers:\n- name: ${user}_${cluster.resourceGroup}_${cluster.name}\n  user:\n${userBlock}`;
}

export function buildArmRouter(): Router<ArmContext> {
  const router = new Router<ArmContext>();

  router.add('GET', `${S}${RP}/managedClusters`, 'managedClusters.list', (r, c) => {
    const items = [...c.fleet.clusters.values()].filter((x) => x.subscriptionId.toLowerCase() === param(r, 'sub').toLowerCase());
    return { status: 200, body: paginate(items, r.query, c.publicBaseUrl, r.path, c.pageSize, renderCluster) };
  });
  router.add('GET', `${S}/resourceGroups/{rg}${RP}/managedClusters`, 'managedClusters.listByResourceGroup', (r, c) => {
    const items = [...c.fleet.clusters.values()]
      .filter((x) => x.subscriptionId.toLowerCase() === param(r, 'sub').toLowerCase() && x.resourceGroup.toLowerCase() === param(r, 'rg').toLowerCase());
    return { status: 200, body: paginate(items, r.query, c.publicBaseUrl, r.path, c.pageSize, renderCluster) };
  });
  router.add('GET', MC, 'managedClusters.get', (r, c) => ({ status: 200, body: renderCluster(clusterOf(r, c)) }));
  router.add('PUT', MC, 'managedClusters.createOrUpdate', (r, c) => {
    const result = clusters.createOrUpdateCluster(c.fleet, { subscriptionId: param(r, 'sub'), resourceGroup: param(r, 'rg'), name: param(r, 'name') }, r.body, mutationOptions(r, c));
    return withLro(c, r, { status: result.status, body: result.cluster ? renderCluster(result.cluster) : undefined }, result.operation, false);
  });
  router.add('PATCH', MC, 'managedClusters.updateTags', (r, c) => {
    const result = clusters.updateClusterTags(c.fleet, clusterOf(r, c), r.body);
    return { status: 200, body: result.cluster ? renderCluster(result.cluster) : undefined };
  });
  router.add('DELETE', MC, 'managedClusters.delete', (r, c) => {
    const result = clusters.deleteCluster(c.fleet, { subscriptionId: param(r, 'sub'), resourceGroup: param(r, 'rg'), name: param(r, 'name') }, mutationOptions(r, c));
    return withLro(c, r, { status: result.status }, result.operation, true);
  });
  router.add('GET', `${MC}/upgradeProfiles/default`, 'managedClusters.getUpgradeProfile', (r, c) => ({ status: 200, body: clusterUpgradeProfile(c.fleet, clusterOf(r, c)) }));
  for (const [segment, operation, user] of [
    ['listClusterUserCredential', 'managedClusters.listClusterUserCredentials', 'clusterUser'],
    ['listClusterAdminCredential', 'managedClusters.listClusterAdminCredentials', 'clusterAdmin'],
  ] as const) {
    router.add('POST', `${MC}/${segment}`, operation, (r, c) => {
      const cluster = clusterOf(r, c);
      clusters.assertCredentialsAllowed(cluster, user === 'clusterAdmin');
      const value = Buffer.from(kubeconfig(cluster, user, r.query.get('format'))).toString('base64');
      return { status: 200, body: { kubeconfigs: [{ name: user, value }] } };
    });
  }
  for (const [segment, power] of [
    ['start', 'Running'],
    ['stop', 'Stopped'],
  ] as const) {
    router.add('POST', `${MC}/${segment}`, `managedClusters.${segment}`, (r, c) => {
      const result = clusters.setClusterPower(c.fleet, clusterOf(r, c), power, mutationOptions(r, c));
      return withLro(c, r, { status: result.status }, result.operation, true);
    });
  }
  router.add('POST', `${MC}/abort`, 'managedClusters.abortLatestOperation', (r, c) => {
    const result = clusters.abortLatestOperation(c.fleet, clusterOf(r, c));
    return withLro(c, r, { status: result.status }, result.operation, true);
  });

  router.add('GET', `${MC}/agentPools`, 'agentPools.list', (r, c) => {
    const cluster = clusterOf(r, c);
    return { status: 200, body: paginate(cluster.pools.map((p) => renderPool(cluster, p)), r.query, c.publicBaseUrl, r.path, c.pageSize) };
  });
  router.add('GET', `${MC}/agentPools/{pool}`, 'agentPools.get', (r, c) => {
    const cluster = clusterOf(r, c);
    return { status: 200, body: renderPool(cluster, pools.requirePool(cluster, param(r, 'pool'))) };
  });
  router.add('PUT', `${MC}/agentPools/{pool}`, 'agentPools.createOrUpdate', (r, c) => {
    const cluster = clusterOf(r, c);
    const result = pools.createOrUpdatePool(c.fleet, cluster, param(r, 'pool'), r.body, mutationOptions(r, c));
    return withLro(c, r, { status: result.status, body: result.pool ? renderPool(cluster, result.pool) : undefined }, result.operation, false);
  });
  router.add('DELETE', `${MC}/agentPools/{pool}`, 'agentPools.delete', (r, c) => {
    const ignorePdb = (r.query.get('ignore-pod-disruption-budget') ?? '').toLowerCase() === 'true';
    const result = pools.deletePool(c.fleet, clusterOf(r, c), param(r, 'pool'), ignorePdb, mutationOptions(r, c));
    return withLro(c, r, { status: result.status }, result.operation, true);
  });
  router.add('GET', `${MC}/agentPools/{pool}/upgradeProfiles/default`, 'agentPools.getUpgradeProfile', (r, c) => {
    const cluster = clusterOf(r, c);
    return { status: 200, body: poolUpgradeProfile(c.fleet, cluster, pools.requirePool(cluster, param(r, 'pool'))) };
  });
  router.add('POST', `${MC}/agentPools/{pool}/upgradeNodeImageVersion`, 'agentPools.upgradeNodeImageVersion', (r, c) => {
    const cluster = clusterOf(r, c);
    const result = pools.upgradeNodeImage(c.fleet, cluster, param(r, 'pool'), mutationOptions(r, c));
    return withLro(c, r, { status: 202, body: result.pool ? renderPool(cluster, result.pool) : undefined }, result.operation, true);
  });
  router.add('POST', `${MC}/agentPools/{pool}/abort`, 'agentPools.abortLatestOperation', (r, c) => {
    const cluster = clusterOf(r, c);
    pools.requirePool(cluster, param(r, 'pool'));
    const result = clusters.abortLatestOperation(c.fleet, cluster, param(r, 'pool'));
    return withLro(c, r, { status: result.status }, result.operation, true);
  });
  router.add('GET', `${MC}/availableAgentPoolVersions`, 'agentPools.getAvailableAgentPoolVersions', (r, c) => ({
    status: 200,
    body: availableAgentPoolVersions(c.fleet, clusterOf(r, c)),
  }));

  router.add('GET', `${MC}/maintenanceConfigurations`, 'maintenanceConfigurations.listByManagedCluster', (r, c) => {
    const cluster = clusterOf(r, c);
    const items = cluster.maintenanceConfigurations.map((m) => renderMaintenanceConfiguration(cluster, m));
    return { status: 200, body: paginate(items, r.query, c.publicBaseUrl, r.path, c.pageSize) };
  });
  router.add('GET', `${MC}/maintenanceConfigurations/{config}`, 'maintenanceConfigurations.get', (r, c) => {
    const cluster = clusterOf(r, c);
    return { status: 200, body: renderMaintenanceConfiguration(cluster, maintenance.requireConfig(cluster, param(r, 'config'))) };
  });
  router.add('PUT', `${MC}/maintenanceConfigurations/{config}`, 'maintenanceConfigurations.createOrUpdate', (r, c) => {
    const cluster = clusterOf(r, c);
    const result = maintenance.putConfig(c.fleet, cluster, param(r, 'config'), r.body);
    return { status: result.status, body: renderMaintenanceConfiguration(cluster, result.config) };
  });
  router.add('DELETE', `${MC}/maintenanceConfigurations/{config}`, 'maintenanceConfigurations.delete', (r, c) => ({
    status: maintenance.deleteConfig(clusterOf(r, c), param(r, 'config')),
  }));

  router.add('GET', `${S}${RP}/locations/{location}/kubernetesVersions`, 'managedClusters.listKubernetesVersions', (_r, c) => ({
    status: 200,
    body: kubernetesVersionsPayload(c.fleet.versions),
  }));
  for (const prefix of [S, '']) {
    router.add('GET', `${prefix}${RP}/locations/{location}/operations/{operationId}`, 'operationStatus.get', (r, c) => operationStatus(r, c));
    router.add('GET', `${prefix}${RP}/locations/{location}/operationresults/{operationId}`, 'operationResults.get', (r, c) => operationResult(r, c));
  }
  addMonitorRoutes(router);
  addWorkspaceRoutes(router);
  addComputeRoutes(router);
  addRunCommandRoutes(router);
  addSubnetRoutes(router);
  return router;
}

function requireOperation(r: RequestContext, c: ArmContext): OperationRecord {
  const op = c.fleet.operations.get(param(r, 'operationId'));
  if (!op) throw subResourceNotFound('Operation', param(r, 'operationId'), param(r, 'location'));
  return op;
}

function operationStatus(r: RequestContext, c: ArmContext): ArmResponse {
  const op = requireOperation(r, c);
  const status = op.status === 'InProgress' && op.canceling ? 'Canceling' : op.status;
  const headers: Record<string, string> = op.status === 'InProgress' && c.retryAfterSeconds !== undefined ? { 'retry-after': String(c.retryAfterSeconds) } : {};
  return {
    status: 200,
    headers,
    body: {
      id: `/subscriptions/${op.subscriptionId}/providers/Microsoft.ContainerService/locations/${op.location}/operations/${op.id}`,
      name: op.id,
      status,
      startTime: op.startTime,
      ...(op.endTime === undefined ? {} : { endTime: op.endTime }),
      ...(op.error ? { error: { ...op.error, details: [] } } : {}),
    },
  };
}

/** 202 while running; then the resource (200) or nothing (204); a failed operation returns its error. */
function operationResult(r: RequestContext, c: ArmContext): ArmResponse {
  const op = requireOperation(r, c);
  if (op.status === 'InProgress') {
    const headers: Record<string, string> = { location: operationResultsUrl(c, op, r.apiVersion) };
    if (c.retryAfterSeconds !== undefined) headers['retry-after'] = String(c.retryAfterSeconds);
    return { status: 202, headers };
  }
  if (op.status !== 'Succeeded') {
    return { status: 200, body: { status: op.status, error: op.error } };
  }
  const cluster = [...c.fleet.clusters.entries()].find(([key]) => key === op.clusterKey)?.[1];
  if (op.result.kind === 'cluster' && cluster) return { status: 200, body: renderCluster(cluster) };
  if (op.result.kind === 'pool' && cluster) {
    const pool = findPool(cluster, op.result.poolName);
    if (pool) return { status: 200, body: renderPool(cluster, pool) };
  }
  return { status: 204 };
}
