import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { armContainerServiceSdk, identitySdk } from '../azure/lazySdk';
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
 * One ContainerServiceClient per subscription, built once and reused across invocations. Every call has a
 * deadline (FLEETPLANE_ARM_CALL_DEADLINE_MS, or the invocation's when sooner) and every try a timeout.
 */
export class ArmClients {
  /** Also what the Log Analytics client signs in with: one identity, one token cache. */
  readonly credential: TokenCredential;
  private readonly clients = new Map<string, ContainerServiceClient>();
  /** This instance's share of the identity's ARM reads, split between callers and system work. */
  readonly readBudget: ArmReadBudget;

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
      client = new (armContainerServiceSdk().ContainerServiceClient)(this.credential, subscriptionId, {
        endpoint: this.settings.FLEETPLANE_ARM_ENDPOINT,
        additionalPolicies: [{ policy: armReadBudgetPolicy(this.readBudget), position: 'perCall' }],
        ...(this.options.maxRetries !== undefined ? { retryOptions: { maxRetries: this.options.maxRetries } } : {}),
      });
      const deadlines: ArmDeadlineSettings = {
        tryTimeoutMs: this.settings.FLEETPLANE_ARM_TRY_TIMEOUT_MS,
        callDeadlineMs: this.settings.FLEETPLANE_ARM_CALL_DEADLINE_MS,
      };
      client.pipeline.addPolicy(armCallDeadlinePolicy(deadlines));
      client.pipeline.addPolicy(armTryDeadlinePolicy(deadlines), { afterPhase: 'Retry' });
      this.clients.set(key, client);
    }
    return client;
  }
}
