import type { ComputeManagementClient } from '@azure/arm-compute';
import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { Pipeline } from '@azure/core-rest-pipeline';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { armComputeSdk, armContainerServiceSdk, armNetworkSdk, identitySdk } from '../azure/lazySdk';
import type { Settings } from '../settings/settings';
import { armReadBudgetOf, type ArmReadBudget } from './armReadBudget';
import { armReadBudgetPolicy } from './armReadBudgetPolicy';
import { armCallDeadlinePolicy, armTryDeadlinePolicy, type ArmDeadlineSettings } from './armDeadlinePolicies';

/**
 * In local mode the AKS emulator stands in for ARM and accepts a locally minted token; everywhere else
 * DefaultAzureCredential (managed identity in Azure, developer credentials on a workstation).
 */
class EmulatorCredential implements TokenCredential {
  getToken(): Promise<AccessToken> {
    return Promise.resolve({ token: 'fleetplane-local-emulator', expiresOnTimestamp: Date.now() + 3_600_000 });
  }
}

export interface ArmClientOptions {
  /** Tests turn retries down so that injected faults surface at once. */
  maxRetries?: number;
}

/**
 * One ContainerServiceClient (and, for preflights, one ComputeManagementClient and one NetworkManagementClient) per subscription, built once and
 * reused across invocations. Every call has a deadline (FLEETPLANE_ARM_CALL_DEADLINE_MS, or the invocation's when
 * sooner) and every try a timeout.
 */
export class ArmClients {
  /** Also what the Log Analytics client signs in with: one identity, one token cache. */
  readonly credential: TokenCredential;
  private readonly clients = new Map<string, ContainerServiceClient>();
  /** This instance's share of the identity's ARM reads, split between callers and system work. */
  readonly readBudget: ArmReadBudget;
  private readonly computeClients = new Map<string, ComputeManagementClient>();
  private readonly networkClients = new Map<string, NetworkManagementClient>();

  constructor(
    private readonly settings: Settings,
    private readonly options: ArmClientOptions = {},
  ) {
    this.credential =
      settings.FLEETPLANE_ARM_CREDENTIAL === 'emulator' ? new EmulatorCredential() : new (identitySdk().DefaultAzureCredential)();
    this.readBudget = armReadBudgetOf(settings);
  }

  get endpoint(): string {
    return this.settings.FLEETPLANE_ARM_ENDPOINT;
  }

  containerService(subscriptionId: string): ContainerServiceClient {
    const key = subscriptionId.toLowerCase();
    let client = this.clients.get(key);
    if (!client) {
      client = new (armContainerServiceSdk().ContainerServiceClient)(this.credential, subscriptionId, this.clientOptions());
      this.addDeadlines(client.pipeline);
      this.clients.set(key, client);
    }
    return client;
  }

  /** Same credential, endpoint, retry policy, read budget and deadlines as `containerService`. */
  compute(subscriptionId: string): ComputeManagementClient {
    const key = subscriptionId.toLowerCase();
    let client = this.computeClients.get(key);
    if (!client) {
      client = new (armComputeSdk().ComputeManagementClient)(this.credential, subscriptionId, this.clientOptions());
      this.addDeadlines(client.pipeline);
      this.computeClients.set(key, client);
    }
    return client;
  }

  /** Same wiring as `compute`: the update-run preflight reads node-pool subnets with it. */
  network(subscriptionId: string): NetworkManagementClient {
    const key = subscriptionId.toLowerCase();
    let client = this.networkClients.get(key);
    if (!client) {
      client = new (armNetworkSdk().NetworkManagementClient)(this.credential, subscriptionId, this.clientOptions());
      this.addDeadlines(client.pipeline);
      this.networkClients.set(key, client);
    }
    return client;
  }

  private clientOptions() {
    return {
      endpoint: this.settings.FLEETPLANE_ARM_ENDPOINT,
      additionalPolicies: [{ policy: armReadBudgetPolicy(this.readBudget), position: 'perCall' as const }],
      ...(this.options.maxRetries !== undefined ? { retryOptions: { maxRetries: this.options.maxRetries } } : {}),
    };
  }

  private addDeadlines(pipeline: Pipeline): void {
    const deadlines: ArmDeadlineSettings = {
      tryTimeoutMs: this.settings.FLEETPLANE_ARM_TRY_TIMEOUT_MS,
      callDeadlineMs: this.settings.FLEETPLANE_ARM_CALL_DEADLINE_MS,
    };
    pipeline.addPolicy(armCallDeadlinePolicy(deadlines));
    pipeline.addPolicy(armTryDeadlinePolicy(deadlines), { afterPhase: 'Retry' });
  }
}
