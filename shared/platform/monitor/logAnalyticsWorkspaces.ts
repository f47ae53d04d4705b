import { createDefaultHttpClient, createPipelineRequest, type HttpClient } from '@azure/core-rest-pipeline';
import { DependencyRejectedError } from '../../domain/errors';
import type { ArmClients } from '../arm/armClients';
import { translateArmError } from '../arm/armErrors';
import { KeyedTtlCache } from '../cache/keyedTtlCache';

const WORKSPACES_API_VERSION = '2023-09-01';
const WORKSPACE_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/[^/]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/]+$/i;

/**
 * A Log Analytics workspace's `customerId` (the id its query API is addressed by), read from ARM with a plain
 * GET sent through the ContainerServiceClient's own pipeline (`@azure/arm-operationalinsights` is not a
 * dependency): same endpoint, credential, retries and telemetry as every other ARM call. The id never changes
 * for a workspace, so it is kept for the life of the process; concurrent callers (an autoscale cycle's batches)
 * share one read.
 */
export class LogAnalyticsWorkspaces {
  private readonly customerIds = new KeyedTtlCache<string>(Number.POSITIVE_INFINITY);
  private httpClient: HttpClient | undefined;

  constructor(private readonly arm: ArmClients) {}

  customerIdOf(workspaceResourceId: string): Promise<string> {
    return this.customerIds.get(workspaceResourceId.toLowerCase(), () => this.readCustomerId(workspaceResourceId));
  }

  private async readCustomerId(workspaceResourceId: string): Promise<string> {
    const subscriptionId = WORKSPACE_ID.exec(workspaceResourceId)?.[1];
    if (!subscriptionId) {
      throw new DependencyRejectedError('Azure Resource Manager', 400, 'InvalidWorkspaceId', `"${workspaceResourceId}" is not a Log Analytics workspace id.`);
    }
    const url = `${this.arm.endpoint.replace(/\/$/, '')}${workspaceResourceId}?api-version=${WORKSPACES_API_VERSION}`;
    this.httpClient ??= createDefaultHttpClient();
    let response;
    try {
      response = await this.arm.containerService(subscriptionId).pipeline.sendRequest(this.httpClient, createPipelineRequest({ url, method: 'GET' }));
    } catch (error) {
      throw translateArmError(error, 'The Log Analytics workspace');
    }
    const body = parseJson(response.bodyAsText);
    if (response.status >= 300) {
      const error = (body as { error?: { code?: string } } | undefined)?.error;
      throw translateArmError(
        { statusCode: response.status, code: error?.code, details: body, response: { headers: response.headers } },
        `Log Analytics workspace "${workspaceResourceId}"`,
      );
    }
    const customerId = (body as { properties?: { customerId?: unknown } } | undefined)?.properties?.customerId;
    if (typeof customerId !== 'string' || customerId === '') {
      throw new DependencyRejectedError('Azure Resource Manager', 502, 'WorkspaceWithoutCustomerId', 'The Log Analytics workspace has no customerId.');
    }
    return customerId;
  }
}

function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
