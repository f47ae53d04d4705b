import type { Send } from './loopbackClient';

/** The Log Analytics workspace a bench fleet's clusters of one region send their Container Insights data to. */
export function regionWorkspaceId(subscriptionId: string, region: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-${region}`;
}

/** Creates one workspace per region in the emulator. */
export async function createRegionWorkspaces(
  baseUrl: string,
  send: Send,
  subscriptionId: string,
  regions: readonly string[],
): Promise<void> {
  for (const region of regions) {
    const created = await send(
      'PUT',
      `${baseUrl}${regionWorkspaceId(subscriptionId, region)}?api-version=2023-09-01`,
      { authorization: 'Bearer bench' },
      { location: region, properties: {} },
    );
    if (created.status >= 300) throw new Error(`workspace ${region}: ${created.status} ${created.body}`);
  }
}
