import { ArmError } from '../errors';
import type { ArmContext } from '../http/armRoutes';
import type { RequestContext, Router } from '../http/router';
import { clusterKey, clusterResourceId, type ClusterState } from '../model';
import { asObject, asString } from '../services/requestShapes';
import { renderCommandResult, type StoredCommandResult } from './commandResults';
import { runKubectl } from './kubectlCommand';

const MC = '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name}';

/**
 * AKS run command (`az aks command invoke`): POST `runCommand` answers 202 with a Location of
 * `commandResults/{id}`, which returns the result (200) once the command has run. The emulator runs the command at
 * once against the workload simulation at the virtual "now".
 */
export function addRunCommandRoutes(router: Router<ArmContext>): void {
  router.add('POST', `${MC}/runCommand`, 'managedClusters.runCommand', (r, c) => {
    const cluster = clusterOf(r, c);
    assertRunCommandAllowed(cluster);
    const command = asString(asObject(r.body)['command']);
    if (!command?.trim()) throw new ArmError(400, 'InvalidParameter', "The value of parameter 'command' is invalid: it must not be empty.", 'command');
    const key = clusterKey(cluster.subscriptionId, cluster.resourceGroup, cluster.name);
    const view = c.workload.snapshot(key, c.fleet.clock.now());
    if (!view) throw new ArmError(409, 'OperationNotAllowed', `Managed cluster '${cluster.name}' has no running workload to run the command against.`);
    const at = c.fleet.clock.nowIso();
    const result: StoredCommandResult = { id: c.fleet.random.hex(32), clusterKey: key, ...runKubectl(command, view, cluster), startedAt: at, finishedAt: at };
    c.fleet.commandResults.set(result.id, result);
    const location = `${c.publicBaseUrl}${clusterResourceId(cluster)}/commandResults/${result.id}?api-version=${r.apiVersion}`;
    return { status: 202, headers: { location, ...(c.retryAfterSeconds === undefined ? {} : { 'retry-after': String(c.retryAfterSeconds) }) } };
  });
  router.add('GET', `${MC}/commandResults/{commandId}`, 'managedClusters.getCommandResult', (r, c) => {
    const cluster = clusterOf(r, c);
    const result = c.fleet.commandResults.get(r.params['commandId'] ?? '');
    if (!result || result.clusterKey !== clusterKey(cluster.subscriptionId, cluster.resourceGroup, cluster.name)) {
      throw new ArmError(404, 'NotFound', `Command result '${r.params['commandId'] ?? ''}' was not found for managed cluster '${cluster.name}'.`);
    }
    return { status: 200, body: renderCommandResult(result) };
  });
}

function clusterOf(r: RequestContext, c: ArmContext): ClusterState {
  return c.fleet.requireCluster(r.params['sub'] ?? '', r.params['rg'] ?? '', r.params['name'] ?? '');
}

/** `apiServerAccessProfile.disableRunCommand` turns the feature off; a stopped cluster has no API server to run it on. */
function assertRunCommandAllowed(cluster: ClusterState): void {
  if (asObject(cluster.properties['apiServerAccessProfile'])['disableRunCommand'] === true) {
    throw new ArmError(400, 'OperationNotAllowed', `Run command is disabled for managed cluster '${cluster.name}' (apiServerAccessProfile.disableRunCommand is true).`);
  }
  if (cluster.powerState === 'Stopped') {
    throw new ArmError(400, 'OperationNotAllowed', `Managed cluster '${cluster.name}' is stopped: run command needs a running cluster.`);
  }
}
