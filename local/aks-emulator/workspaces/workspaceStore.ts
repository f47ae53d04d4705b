import { createHash } from 'node:crypto';
import { ArmError } from '../errors';
import type { JsonObject } from '../model';
import { asObject, asString, asStringRecord, requireBodyObject } from '../services/requestShapes';

/** A Log Analytics workspace (`Microsoft.OperationalInsights/workspaces`) as the emulator keeps it. */
export interface WorkspaceState {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  tags: Record<string, string>;
  /** The workspace ID the query API is addressed with (`properties.customerId`). */
  customerId: string;
  /** Writable properties as the client last sent them (sku, retentionInDays, …). */
  properties: JsonObject;
  createdAt: string;
  modifiedAt: string;
}

export interface WorkspaceName {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

export const workspaceResourceId = (w: WorkspaceName): string =>
  `/subscriptions/${w.subscriptionId}/resourceGroups/${w.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${w.name}`;

/** Workspaces by resource id (ARM ids compare case-insensitively) and by customerId. */
export class WorkspaceStore {
  private readonly byResourceId = new Map<string, WorkspaceState>();

  /** Creates (201) or updates (200) a workspace; its customerId never changes once created. */
  createOrUpdate(name: WorkspaceName, body: unknown, nowIso: string): { status: 200 | 201; workspace: WorkspaceState } {
    const request = requireBodyObject(body);
    const location = asString(request['location']);
    if (location === undefined || location.trim() === '') {
      throw new ArmError(400, 'LocationRequired', 'The location property is required for this definition.');
    }
    const existing = this.find(workspaceResourceId(name));
    if (existing && normaliseLocation(existing.location) !== normaliseLocation(location)) {
      throw new ArmError(400, 'InvalidResourceLocation', `The resource '${name.name}' already exists in location '${existing.location}' in resource group '${name.resourceGroup}'. A resource with the same name cannot be created in location '${location}'. Please select a new resource name.`);
    }
    const { customerId: _ignoredCustomerId, provisioningState: _ignoredState, ...writable } = asObject(request['properties']);
    const workspace: WorkspaceState = {
      ...name,
      location: existing?.location ?? location,
      tags: asStringRecord(request['tags']),
      customerId: existing?.customerId ?? this.customerIdFor(workspaceResourceId(name)),
      properties: writable,
      createdAt: existing?.createdAt ?? nowIso,
      modifiedAt: nowIso,
    };
    this.byResourceId.set(workspaceResourceId(name).toLowerCase(), workspace);
    return { status: existing ? 200 : 201, workspace };
  }

  find(resourceId: string): WorkspaceState | undefined {
    return this.byResourceId.get(resourceId.toLowerCase());
  }

  require(name: WorkspaceName): WorkspaceState {
    const workspace = this.find(workspaceResourceId(name));
    if (!workspace) {
      throw new ArmError(404, 'ResourceNotFound', `The Resource 'Microsoft.OperationalInsights/workspaces/${name.name}' under resource group '${name.resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
    }
    return workspace;
  }

  findByCustomerId(customerId: string): WorkspaceState | undefined {
    const wanted = customerId.toLowerCase();
    return [...this.byResourceId.values()].find((w) => w.customerId === wanted);
  }

  clear(): void {
    this.byResourceId.clear();
  }

  /**
   * A GUID derived from the resource id: the same workspace gets the same id on every run, without drawing from
   * the fleet's seeded sequence (which would shift every cluster id after it).
   */
  private customerIdFor(resourceId: string): string {
    const h = createHash('sha256').update(resourceId.toLowerCase()).digest('hex');
    const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

const normaliseLocation = (location: string): string => location.replace(/\s+/g, '').toLowerCase();
