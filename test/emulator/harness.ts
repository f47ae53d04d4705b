import { ContainerServiceClient } from '@azure/arm-containerservice';
import type { TokenCredential } from '@azure/identity';
import { startAksEmulator } from '../../local/aks-emulator';
import type { AksEmulatorOptions, RunningAksEmulator } from '../../local/aks-emulator';
import { EMULATOR_CERT_DIR } from '../support/emulatorCa';

export const SUB = '00000000-0000-0000-0000-000000000000';
export const API_VERSION = '2026-06-01';

export const dummyCredential: TokenCredential = {
  getToken: () => Promise.resolve({ token: 'x', expiresOnTimestamp: Date.now() + 3600e3 }),
};

/** Starts an emulator on a free loopback port with the shared test CA; simulated time runs very fast by default. */
export function startTestEmulator(options: AksEmulatorOptions = {}): Promise<RunningAksEmulator> {
  // No Kusto parser warm-up: seconds of CPU per test file, paid only by files that query logs.
  return startAksEmulator({ port: 0, certDir: EMULATOR_CERT_DIR, speed: 1_000_000, seed: 42, warmUpLogAnalytics: false, ...options });
}

export function sdkClient(emulator: RunningAksEmulator, subscriptionId = SUB, retries = 0): ContainerServiceClient {
  return new ContainerServiceClient(dummyCredential, subscriptionId, {
    endpoint: emulator.baseUrl,
    retryOptions: { maxRetries: retries, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
  });
}

/** Fast polling for every LRO in the tests. */
export const fast = { updateIntervalInMs: 5 } as const;

/** Wire JSON read by tests; assertions check its shape, so it is deliberately untyped. */
export type WireJson = any;

export interface RawResponse {
  status: number;
  headers: Headers;
  body: WireJson;
}

export async function raw(emulator: RunningAksEmulator, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const url = path.startsWith('https://') ? path : `${emulator.listenUrl}${path}`;
  const response = await fetch(url, {
    method,
    headers: { authorization: 'Bearer test', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

export const clusterPath = (rg: string, name: string, sub = SUB): string =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`;

export const withApi = (path: string, apiVersion = API_VERSION): string => `${path}${path.includes('?') ? '&' : '?'}api-version=${apiVersion}`;

export function basicCluster(overrides: Record<string, unknown> = {}, poolOverrides: Record<string, unknown> = {}): Record<string, WireJson> {
  return {
    location: 'eastus',
    properties: {
      dnsPrefix: 'c1',
      kubernetesVersion: '1.35.3',
      agentPoolProfiles: [{ name: 'system', mode: 'System', osType: 'Linux', vmSize: 'Standard_D2s_v5', count: 2, ...poolOverrides }],
      ...overrides,
    },
  };
}

/** Polls until `check` passes (for states that change on the virtual clock). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Asserts the SDK surfaced AKS's error: HTTP status, error.code and message. */
export async function expectArmError(pending: PromiseLike<unknown>, status: number, code: string, message: RegExp): Promise<void> {
  let caught: unknown;
  try {
    await pending;
  } catch (error) {
    caught = error;
  }
  if (caught === undefined) throw new Error(`expected ${status} ${code} but the call succeeded`);
  const e = caught as { statusCode?: number; code?: string; message?: string };
  if (e.statusCode !== status || e.code !== code || !message.test(e.message ?? '')) {
    throw new Error(`expected ${status} ${code} ${String(message)}, got ${String(e.statusCode)} ${String(e.code)} ${String(e.message)}`);
  }
}
