import type { WorkspaceState } from './workspaceStore';
import { workspaceResourceId } from './workspaceStore';

/** A workspace as ARM returns it (Workspaces_Get / CreateOrUpdate): creation is synchronous, so always Succeeded. */
export function renderWorkspace(workspace: WorkspaceState): Record<string, unknown> {
  return {
    id: workspaceResourceId(workspace),
    name: workspace.name,
    type: 'Microsoft.OperationalInsights/workspaces',
    location: workspace.location,
    tags: workspace.tags,
    properties: {
      sku: { name: 'PerGB2018' },
      retentionInDays: 30,
      publicNetworkAccessForIngestion: 'Enabled',
      publicNetworkAccessForQuery: 'Enabled',
      ...workspace.properties,
      customerId: workspace.customerId,
      provisioningState: 'Succeeded',
      createdDate: workspace.createdAt,
      modifiedDate: workspace.modifiedAt,
    },
  };
}
