import type { ArmContext } from '../http/armRoutes';
import type { RequestContext, Router } from '../http/router';
import type { WorkspaceName } from './workspaceStore';
import { renderWorkspace } from './workspaceWire';

/** The api-versions of Microsoft.OperationalInsights/workspaces the emulator accepts. */
export const WORKSPACE_API_VERSIONS = ['2022-10-01', '2023-09-01'] as const;

const WORKSPACE = '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.OperationalInsights/workspaces/{workspace}';

const workspaceName = (r: RequestContext): WorkspaceName => ({
  subscriptionId: r.params['sub'] ?? '',
  resourceGroup: r.params['rg'] ?? '',
  name: r.params['workspace'] ?? '',
});

/** PUT and GET of a Log Analytics workspace; its `properties.customerId` addresses the query API. */
export function addWorkspaceRoutes(router: Router<ArmContext>): void {
  const options = { apiVersions: WORKSPACE_API_VERSIONS };
  router.add(
    'PUT',
    WORKSPACE,
    'workspaces.createOrUpdate',
    (r, c) => {
      const result = c.fleet.workspaces.createOrUpdate(workspaceName(r), r.body, c.fleet.clock.nowIso());
      return { status: result.status, body: renderWorkspace(result.workspace) };
    },
    options,
  );
  router.add('GET', WORKSPACE, 'workspaces.get', (r, c) => ({ status: 200, body: renderWorkspace(c.fleet.workspaces.require(workspaceName(r))) }), options);
}
