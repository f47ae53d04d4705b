import { ArmError } from '../errors';
import type { EmulatorControls } from '../controls';
import type { FaultRule } from '../engine/faults';
import { asNumber, asObject, asString } from '../services/requestShapes';
import { addWorkloadAdminRoutes } from '../workload/workloadAdminRoutes';
import { addWebhookAdminRoutes } from '../webhooks/webhookAdminRoutes';
import type { RequestContext } from './router';
import { Router } from './router';

/** The documented admin API under /_emulator (see docs/aks-emulator.md). */
export function buildAdminRouter(): Router<EmulatorControls> {
  const router = new Router<EmulatorControls>();
  const body = (r: RequestContext): Record<string, unknown> => asObject(r.body);
  const p = (r: RequestContext, k: string): string => r.params[k] ?? '';

  router.add('GET', '/_emulator/counters', 'admin.counters', (_r, c) => ({ status: 200, body: c.counters() }));
  router.add('GET', '/_emulator/counters/applied', 'admin.counters.applied', (_r, c) => ({ status: 200, body: c.appliedWrites() }));
  router.add('POST', '/_emulator/counters/reset', 'admin.counters.reset', (_r, c) => {
    c.resetCounters();
    return { status: 204 };
  });
  router.add('GET', '/_emulator/faults', 'admin.faults', (_r, c) => ({ status: 200, body: { value: c.listFaults() } }));
  router.add('POST', '/_emulator/faults', 'admin.faults.add', (r, c) => ({ status: 201, body: c.injectFault(body(r) as unknown as Omit<FaultRule, 'id'>) }));
  router.add('DELETE', '/_emulator/faults', 'admin.faults.clear', (_r, c) => {
    c.clearFaults();
    return { status: 204 };
  });
  router.add('GET', '/_emulator/throttling', 'admin.throttling', (_r, c) => ({ status: 200, body: c.throttling() }));
  router.add('PUT', '/_emulator/throttling', 'admin.throttling.set', (r, c) => ({ status: 200, body: c.setThrottling(body(r)) }));
  router.add('GET', '/_emulator/quotas', 'admin.quotas', (_r, c) => ({ status: 200, body: c.quotas() }));
  router.add('PUT', '/_emulator/quotas', 'admin.quotas.set', (r, c) => {
    const b = body(r);
    c.setQuota({ subscriptionId: required(asString(b['subscriptionId']), 'subscriptionId'), location: required(asString(b['location']), 'location'), family: required(asString(b['family']), 'family'), limit: required(asNumber(b['limit']), 'limit') });
    return { status: 200, body: c.quotas() };
  });
  const clusterPath = '/_emulator/clusters/{sub}/{rg}/{name}';
  router.add('GET', `${clusterPath}/monitoring`, 'admin.monitoring', (r, c) => ({ status: 200, body: c.monitoringWorkspace(p(r, 'sub'), p(r, 'rg'), p(r, 'name')) }));
  router.add('GET', `${clusterPath}/nodes`, 'admin.nodes', (r, c) => ({ status: 200, body: { value: c.nodes(p(r, 'sub'), p(r, 'rg'), p(r, 'name')) } }));
  router.add('POST', `${clusterPath}/pdbs`, 'admin.pdbs.add', (r, c) => {
    const b = body(r);
    const pools = Array.isArray(b['pools']) ? b['pools'].filter((x): x is string => typeof x === 'string') : [];
    const namespace = asString(b['namespace']);
    const minAvailable = asNumber(b['minAvailable']);
    const pdb = c.declarePdb(p(r, 'sub'), p(r, 'rg'), p(r, 'name'), {
      name: required(asString(b['name']), 'name'),
      pools,
      ...(namespace === undefined ? {} : { namespace }),
      ...(minAvailable === undefined ? {} : { minAvailable }),
    });
    return { status: 201, body: pdb };
  });
  router.add('DELETE', `${clusterPath}/pdbs`, 'admin.pdbs.clear', (r, c) => {
    c.clearPdbs(p(r, 'sub'), p(r, 'rg'), p(r, 'name'));
    return { status: 204 };
  });
  router.add('POST', `${clusterPath}/upgrade-failures`, 'admin.upgradeFailures.add', (r, c) => {
    const b = body(r);
    const code = asString(b['code']);
    const message = asString(b['message']);
    const remaining = asNumber(b['remaining']);
    const failure = c.injectUpgradeFailure(p(r, 'sub'), p(r, 'rg'), p(r, 'name'), {
      ...(code === undefined ? {} : { code }),
      ...(message === undefined ? {} : { message }),
      ...(remaining === undefined ? {} : { remaining }),
    });
    return { status: 201, body: failure };
  });
  router.add('DELETE', `${clusterPath}/upgrade-failures`, 'admin.upgradeFailures.clear', (r, c) => {
    c.clearUpgradeFailures(p(r, 'sub'), p(r, 'rg'), p(r, 'name'));
    return { status: 204 };
  });
  addWorkloadAdminRoutes(router);
  addWebhookAdminRoutes(router);
  router.add('POST', '/_emulator/clock/advance', 'admin.clock.advance', (r, c) => ({ status: 200, body: { now: c.advanceClock(required(asNumber(body(r)['seconds']), 'seconds')) } }));
  router.add('PUT', '/_emulator/clock/speed', 'admin.clock.speed', (r, c) => {
    c.setClockSpeed(required(asNumber(body(r)['speed']), 'speed'));
    return { status: 200, body: { now: c.now() } };
  });
  router.add('POST', '/_emulator/kubernetes-versions', 'admin.versions.publish', (r, c) => {
    c.publishKubernetesVersion(required(asString(body(r)['version']), 'version'), { isPreview: body(r)['isPreview'] === true });
    return { status: 204 };
  });
  router.add('POST', '/_emulator/node-images', 'admin.nodeImages.publish', (r, c) => ({
    status: 200,
    body: c.publishNodeImage(required(asString(body(r)['version']), 'version'), asString(body(r)['family']), asString(body(r)['location'])),
  }));
  router.add('POST', '/_emulator/demo-fleet', 'admin.demoFleet', (_r, c) => ({ status: 200, body: { clusters: c.seedDemoFleet() } }));
  router.add('POST', '/_emulator/reset', 'admin.reset', (_r, c) => {
    c.reset();
    return { status: 204 };
  });
  return router;
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new ArmError(400, 'InvalidRequestContent', `The field '${name}' is required.`);
  return value;
}
