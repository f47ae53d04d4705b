import { subResourceNotFound } from '../errors';
import type { ClusterState, JsonObject, PoolState } from '../model';
import { findPool } from '../model';
import type { Fleet } from '../engine/fleet';
import * as sim from '../engine/simulations';
import { validatePoolName } from '../rules/naming';
import { validateModeChangeToUser, validatePoolRemoval } from '../rules/poolRules';
import { resolveRequestedVersion, validatePoolVersion } from '../rules/versionRules';
import type { MutationOptions, MutationResult } from './clusterService';
import { checkPreconditions } from './clusterService';
import { applyPoolSettings, planPoolChange } from './poolChangePlan';
import { buildPool, stripReadOnlyPoolFields } from './poolFactory';
import { requestedRollback } from './poolRollback';
import { asObject, asString, requireBodyObject } from './requestShapes';

export function requirePool(cluster: ClusterState, name: string): PoolState {
  const pool = findPool(cluster, name);
  if (!pool) throw subResourceNotFound('Agent pool', name, cluster.name);
  return pool;
}

export interface PoolMutationResult extends MutationResult {
  pool?: PoolState;
}

export function createOrUpdatePool(fleet: Fleet, cluster: ClusterState, poolName: string, rawBody: unknown, options: MutationOptions): PoolMutationResult {
  const body = requireBodyObject(rawBody);
  const props = asObject(body['properties']);
  const existing = findPool(cluster, poolName);
  checkPreconditions(existing?.eTag, options);
  fleet.assertNoOperationInProgress(cluster);
  fleet.assertRunning(cluster, 'create or update agent pool');
  return existing ? updatePool(fleet, cluster, existing, props, options) : createPool(fleet, cluster, poolName, props, options);
}

function failureOption(options: MutationOptions): { injectedFailure?: { code: string; message: string } } {
  return options.injectedFailure ? { injectedFailure: options.injectedFailure } : {};
}

function createPool(fleet: Fleet, cluster: ClusterState, poolName: string, props: JsonObject, options: MutationOptions): PoolMutationResult {
  validatePoolName(poolName, asString(props['osType']) ?? 'Linux');
  const requested = asString(props['orchestratorVersion']);
  const version =
    requested === undefined || requested === ''
      ? cluster.currentKubernetesVersion
      : resolveRequestedVersion(fleet.versions, requested, { forPool: true, fieldName: 'agentpool.Properties.OrchestratorVersion' });
  validatePoolVersion(undefined, version, cluster.currentKubernetesVersion);
  const pool = buildPool(fleet, cluster, poolName, stripReadOnlyPoolFields(props), version);
  if (requested !== undefined && requested !== '') pool.orchestratorVersion = requested;
  fleet.assertQuotaFor(cluster, pool.vmSize, pool.count);
  cluster.pools.push(pool);
  const operation = fleet.startOperation(cluster, 'create agent pool', { kind: 'pool', poolName: pool.name }, [pool], sim.provisionPool(fleet, pool, 'Creating'), failureOption(options));
  return { status: 201, cluster, pool, operation };
}

function updatePool(fleet: Fleet, cluster: ClusterState, pool: PoolState, props: JsonObject, options: MutationOptions): PoolMutationResult {
  const plan = planPoolChange(fleet, cluster, pool, props);
  if (plan.mode === 'User' && pool.mode === 'System') validateModeChangeToUser(cluster.pools, pool.name);

  const rollback = requestedRollback(fleet, cluster, pool, props);
  if (rollback) {
    applyPoolSettings(fleet, plan);
    const operation = fleet.startOperation(cluster, 'rollback agent pool', { kind: 'pool', poolName: pool.name }, [pool], sim.rollbackPool(fleet, cluster, pool, rollback), failureOption(options));
    return { status: 200, cluster, pool, operation };
  }
  const requestedPower = asString(asObject(props['powerState'])['code']);
  const target = resolvePoolTarget(fleet, cluster, pool, asString(props['orchestratorVersion']));
  if (target !== pool.currentOrchestratorVersion) validatePoolVersion(pool.currentOrchestratorVersion, target, cluster.currentKubernetesVersion);
  fleet.assertQuotaFor(cluster, pool.vmSize, plan.addedNodes);

  applyPoolSettings(fleet, plan);
  const ref = { kind: 'pool' as const, poolName: pool.name };
  const failure = failureOption(options);
  if ((requestedPower === 'Stopped' || requestedPower === 'Running') && requestedPower !== pool.powerState) {
    const operation = fleet.startOperation(cluster, `${requestedPower === 'Running' ? 'start' : 'stop'} agent pool`, ref, [pool], sim.setPoolPower(fleet, cluster, pool, requestedPower), failure);
    return { status: 200, cluster, pool, operation };
  }
  if (target !== pool.currentOrchestratorVersion) {
    pool.orchestratorVersion = asString(props['orchestratorVersion']) ?? target;
    const operation = fleet.startOperation(cluster, 'upgrade agent pool', ref, [pool], sim.upgradePool(fleet, cluster, pool, target, 'Upgrading'), failure);
    return { status: 200, cluster, pool, operation };
  }
  if (plan.count !== pool.count) {
    pool.count = plan.count;
    const operation = fleet.startOperation(cluster, 'scale agent pool', ref, [pool], sim.scalePool(fleet, cluster, pool, pool.count), failure);
    return { status: 200, cluster, pool, operation };
  }
  const operation = fleet.startOperation(cluster, 'update agent pool', ref, [pool], sim.updatePool(fleet, cluster, pool), failure);
  return { status: 200, cluster, pool, operation };
}

function resolvePoolTarget(fleet: Fleet, cluster: ClusterState, pool: PoolState, requested: string | undefined): string {
  const text = (requested ?? '').trim();
  if (text === '' || text === pool.currentOrchestratorVersion) return pool.currentOrchestratorVersion;
  if (/^\d+\.\d+$/.test(text) && pool.currentOrchestratorVersion.startsWith(`${text}.`)) return pool.currentOrchestratorVersion;
  return resolveRequestedVersion(fleet.versions, text, { forPool: true, fieldName: 'agentpool.Properties.OrchestratorVersion' });
}

export function deletePool(fleet: Fleet, cluster: ClusterState, poolName: string, ignorePdb: boolean, options: MutationOptions): PoolMutationResult {
  const pool = findPool(cluster, poolName);
  if (!pool) return { status: 204 };
  checkPreconditions(pool.eTag, { ...(options.ifMatch === undefined ? {} : { ifMatch: options.ifMatch }) });
  fleet.assertNoOperationInProgress(cluster);
  validatePoolRemoval(cluster.pools, pool.name);
  const operation = fleet.startOperation(cluster, 'delete agent pool', { kind: 'none' }, [pool], sim.deletePool(fleet, cluster, pool, ignorePdb), failureOption(options));
  return { status: 202, cluster, pool, operation };
}

export function upgradeNodeImage(fleet: Fleet, cluster: ClusterState, poolName: string, options: MutationOptions): PoolMutationResult {
  const pool = requirePool(cluster, poolName);
  fleet.assertNoOperationInProgress(cluster);
  fleet.assertRunning(cluster, 'upgrade node image version');
  const operation = fleet.startOperation(
    cluster,
    'upgrade node image version',
    { kind: 'pool', poolName: pool.name },
    [pool],
    sim.upgradePool(fleet, cluster, pool, pool.currentOrchestratorVersion, 'UpgradingNodeImageVersion'),
    failureOption(options),
  );
  return { status: 202, cluster, pool, operation };
}
