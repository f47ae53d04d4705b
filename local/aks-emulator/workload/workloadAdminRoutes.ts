import type { EmulatorControls } from '../controls';
import type { RequestContext, Router } from '../http/router';
import { renderSnapshot } from './workloadControls';

/** `/_emulator/clusters/{sub}/{rg}/{name}/workload[...]`: read and change a cluster's simulated workload. */
export function addWorkloadAdminRoutes(router: Router<EmulatorControls>): void {
  const path = '/_emulator/clusters/{sub}/{rg}/{name}/workload';
  const ids = (r: RequestContext): [string, string, string] => [r.params['sub'] ?? '', r.params['rg'] ?? '', r.params['name'] ?? ''];

  router.add('GET', path, 'admin.workload', (r, c) => ({ status: 200, body: c.workload.get(...ids(r)) }));
  router.add('PUT', path, 'admin.workload.set', (r, c) => ({ status: 200, body: c.workload.set(...ids(r), r.body) }));
  router.add('PATCH', path, 'admin.workload.patch', (r, c) => ({ status: 200, body: c.workload.patch(...ids(r), r.body) }));
  router.add('GET', `${path}/snapshot`, 'admin.workload.snapshot', (r, c) => ({
    status: 200,
    body: renderSnapshot(c.workload.snapshot(...ids(r), r.query.get('at') ?? undefined)),
  }));
  router.add('GET', `${path}/nodes/{node}/drainBlockers`, 'admin.workload.drainBlockers', (r, c) => ({
    status: 200,
    body: { value: c.workload.drainBlockers(...ids(r), r.params['node'] ?? '', r.query.get('at') ?? undefined) },
  }));
  router.add('POST', '/_emulator/clusters/{sub}/{rg}/{name}/customMetrics', 'admin.customMetrics.publish', (r, c) => {
    c.workload.publishCustomMetric(...ids(r), r.body);
    return { status: 200, body: {} };
  });
  router.add('GET', `${path}/tables/{table}`, 'admin.workload.tables', (r, c) => ({
    status: 200,
    body: c.workload.tableRows(...ids(r), r.params['table'] ?? '', { from: r.query.get('from') ?? '', to: r.query.get('to') ?? '' }),
  }));
}
