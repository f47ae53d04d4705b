import type { ComputeManagementClient } from '@azure/arm-compute';
import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { armComputeSdk, armContainerServiceSdk, identitySdk } from '../azure/lazySdk';
import type { Settings } from '../settings/settings';

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

/** One ContainerServiceClient (and, for preflights, one ComputeManagementClient) per subscription, built once and reused. */
export class ArmClients {
  /** Also what the Log Analytics client signs in with: one identity, one token cache. */
  readonly credential: TokenCredential;
  private readonly clients = new Map<string, ContainerServiceClient>();
  private readonly computeClients = new Map<string, ComputeManagementClient>();

  constructor(
    private readonly settings: Settings,
    private readonly options: ArmClientOptions = {},
  ) {
    this.credential =
      settings.FLEETPLANE_ARM_CREDENTIAL === 'emulator' ? new EmulatorCredential() : new (identitySdk().DefaultAzureCredential)();
  }

  get endpoint(): string {
    return this.settings.FLEETPLANE_ARM_ENDPOINT;
  }

  containerService(subscriptionId: string): ContainerServiceClient {
    const key = subscriptionId.toLowerCase();
    let client = this.clients.get(key);
    if (!client) {
      client = new (armContainerServiceSdk().ContainerServiceClient)(this.credential, subscriptionId, {
        endpoint: this.settings.FLEETPLANE_ARM_ENDPOINT,
        ...(this.options.maxRetries !== undefined ? { retryOptions: { maxRetries: this.options.maxRetries } } : {}),
      });
      this.clients.set(key, client);
    }
    return client;
  }

  /** Same credential, endpoint and retry policy as `containerService`. */
  compute(subscriptionId: string): ComputeManagementClient {
    const key = subscriptionId.toLowerCase();
    let client = this.computeClients.get(key);
    if (!client) {
      client = new (armComputeSdk().ComputeManagementClient)(this.credential, subscriptionId, {
        endpoint: this.settings.FLEETPLANE_ARM_ENDPOINT,
        ...(this.options.maxRetries !== undefined ? { retryOptions: { maxRetries: this.options.maxRetries } } : {}),
      });
      this.computeClients.set(key, client);
    }
    return client;
  }
}
