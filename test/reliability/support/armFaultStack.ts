import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, inject } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { startDevIssuer, type RunningDevIssuer } from '../../../local/dev-issuer';
import { OperationStore } from '../../../shared/features/operations/operationStore';
import type { OperationRecord } from '../../../shared/features/operations';
import { StorageAccount } from '../../../shared/platform/storage/storageAccount';
import { startTestEmulator, SUB } from '../../emulator/harness';
import { fleetApiHostEnv, startLocalHost, type StartedHost } from '../../support/localHost';
import { testSettings, uniqueTablePrefix } from '../../support/storage';

const AUDIENCE = 'api://fleetplane-reliability';
const OWNER = '0c000000-0000-4000-8000-0000000000f1';

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
  ms: number;
}

/**
 * The fleet API as deployed, through the local host (its own process, killable), Azurite and the AKS emulator
 * (frozen clock, faults through its admin API), with short ARM deadlines so that fault rows take seconds.
 */
export class ArmFaultStack {
  readonly tablePrefix = uniqueTablePrefix();
  issuer!: RunningDevIssuer;
  emulator!: RunningAksEmulator;
  host!: StartedHost;
  owner!: string;
  readonly operations: OperationStore;

  constructor(readonly hostSettings: Record<string, string>) {
    const settings = testSettings({ FLEETPLANE_TABLE_PREFIX: this.tablePrefix });
    this.operations = new OperationStore(new StorageAccount(settings).tableClient(`${this.tablePrefix}operations`));
  }

  async start(): Promise<void> {
    this.issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-issuer-')) });
    // ARM's Retry-After on running operations is 1 s, so queue checks come every 2 s (the runner's floor).
    this.emulator = await startTestEmulator({ speed: 0, retryAfterSeconds: 1 });
    await this.startHost();
    this.owner = await this.issuer.signToken({ audience: AUDIENCE, role: 'Owner', oid: OWNER });
  }

  async startHost(): Promise<void> {
    const env = fleetApiHostEnv({
      storageConnectionString: inject('storageConnectionString'),
      issuerUrl: this.issuer.issuerUrl,
      audience: AUDIENCE,
      armEndpoint: this.emulator.baseUrl,
      subscriptionIds: [SUB],
      tablePrefix: this.tablePrefix,
    });
    this.host = await startLocalHost({ env: { ...env, ...this.hostSettings } });
  }

  /** kill -9: no shutdown, no answer, no audit write. */
  async killHost(): Promise<void> {
    const { process: child } = this.host.child;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.host?.stop();
    await this.emulator?.close();
    await this.issuer?.close();
  }

  async call(method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const started = Date.now();
    const url = route.startsWith('http') ? route : `${this.host.origin}/api/${route}`;
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${this.owner}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined, ms: Date.now() - started };
  }

  /** The emulator's admin API, over HTTP as any client would use it. */
  async admin(method: string, adminPath: string, body?: unknown): Promise<any> {
    const response = await fetch(`${this.emulator.listenUrl}/_emulator/${adminPath}`, {
      method,
      headers: { authorization: 'Bearer admin', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`admin ${method} ${adminPath}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  injectFault(rule: Record<string, unknown>): Promise<unknown> {
    return this.admin('POST', 'faults', rule);
  }

  /** Requests the emulator received, and writes it took (answered 2xx), for one operation name. */
  async armCalls(operation: string): Promise<{ received: number; applied: number }> {
    const [received, applied] = await Promise.all([this.admin('GET', 'counters'), this.admin('GET', 'counters/applied')]);
    return { received: received[operation] ?? 0, applied: applied[operation] ?? 0 };
  }

  async advanceArmClock(seconds = 3_600): Promise<void> {
    await this.admin('POST', 'clock/advance', { seconds });
  }

  /** The one audit record of a request, by its correlation id. */
  async auditOf(correlationId: string): Promise<any[]> {
    const page = await this.call('GET', `auditEvents?pageSize=200&from=${new Date(Date.now() - 3_600_000).toISOString()}`);
    expect(page.status).toBe(200);
    return page.body.value.filter((event: { correlationId: string }) => event.correlationId === correlationId);
  }

  /** The unfinished operation records of one target, read from Table storage (a killed request never told its id). */
  async activeOperationsOf(target: string): Promise<OperationRecord[]> {
    return (await this.operations.active()).map((stored) => stored.value).filter((record) => record.target.toLowerCase() === target.toLowerCase());
  }

  async operation(id: string): Promise<OperationRecord | undefined> {
    return (await this.operations.get(id))?.value;
  }
}

export const CLUSTERS = `subscriptions/${SUB}/resourceGroups/rg-reliability/clusters`;
export const clusterTarget = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg-reliability/providers/Microsoft.ContainerService/managedClusters/${name}`;

/** A small valid cluster spec (one Linux system pool). */
export function smallCluster(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    location: 'eastus',
    kubernetesVersion: '1.36',
    nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 2 }],
    ...overrides,
  };
}

/** Polls until `done` holds or the time is up; returns the last value either way. */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
