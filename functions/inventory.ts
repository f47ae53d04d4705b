import { app, type InvocationContext, type Timer } from '@azure/functions';
import { listClusters, syncInventory } from '../shared/features/inventory/inventory.api';
import { services } from '../shared/app';
import { fleetSubscriptions } from '../shared/platform/settings/settings';
import { handleHttp, httpTriggerOf } from '../shared/platform/http/handleHttp';
import { nextLinkOf } from '../shared/features/inventory/inventoryContinuation';
import { filterScopeOf, parseTagFilter, type InventoryFilters } from '../shared/features/inventory/inventoryFilters';
import { TENANT_SCOPE_ID } from '../shared/domain/access/scope';
import { inventoryVisibility } from '../shared/features/inventory/inventoryAccess';
import { listInventory } from '../shared/features/inventory/inventoryListing';
import { inventory } from '../shared/features/inventory/inventoryModule';
import { logInventorySync } from '../shared/features/inventory/inventorySyncLog';
import { invocationLogger } from '../shared/platform/observability/logger';

export const listClustersHandler = handleHttp(listClusters, async (call) => {
  const { query, caller, request } = call;
  const filters: InventoryFilters = {
    ...(query.subscription ? { subscriptionId: query.subscription.toLowerCase() } : {}),
    ...(query.resourceGroup ? { resourceGroup: query.resourceGroup } : {}),
    ...(query.location ? { location: query.location } : {}),
    ...(query.kubernetesVersion ? { kubernetesVersion: query.kubernetesVersion } : {}),
    ...(query.provisioningState ? { provisioningState: query.provisioningState } : {}),
    ...(query.tag ? { tag: parseTagFilter(query.tag) } : {}),
    ...(query.supportStatus ? { supportStatus: query.supportStatus } : {}),
    ...(query.supportEndsWithinDays === undefined ? {} : { supportEndsWithinDays: query.supportEndsWithinDays }),
  };
  const scope = filterScopeOf(filters);
  const { access, settings } = services();
  const visibility = inventoryVisibility(caller, scope, await access.allBindings(), access.options);
  call.enforce(visibility.decision, 'clusters.list', scope);
  const listing = await listInventory(
    inventory().store,
    {
      filters,
      pageSize: query.pageSize,
      ...(query.continuationToken ? { continuation: query.continuationToken } : {}),
      ...(visibility.visible ? { visible: visibility.visible } : {}),
      ...(visibility.mayShow ? { mayShow: visibility.mayShow } : {}),
    },
    filters.subscriptionId
      ? [filters.subscriptionId]
      : (visibility.subscriptions ?? fleetSubscriptions(settings)),
    new Date(),
  );
  const { continuation, ...body } = listing;
  return {
    status: 200,
    jsonBody: { ...body, ...(continuation ? { nextLink: nextLinkOf(request.url, continuation, services().settings.FLEETPLANE_PUBLIC_BASE_URL) } : {}) },
    headers: { 'cache-control': 'no-store' },
  };
});

export const syncInventoryHandler = handleHttp(syncInventory, async (call) => {
  await call.authorize('inventory', 'sync', TENANT_SCOPE_ID);
  return { status: 200, jsonBody: await inventory().sync.run() };
});

export async function inventorySyncTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  const log = invocationLogger(context, { operationId: 'inventorySync' }, services().settings.FLEETPLANE_LOG_LEVEL);
  logInventorySync(log, await inventory().sync.run());
}

app.http(listClusters.operationId, { ...httpTriggerOf(listClusters), handler: listClustersHandler });
app.http(syncInventory.operationId, { ...httpTriggerOf(syncInventory), handler: syncInventoryHandler });
app.timer('inventorySync', { schedule: '0 */5 * * * *', handler: inventorySyncTimer });
