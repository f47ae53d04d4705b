import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueueClient } from '@azure/storage-queue';
import { inject } from 'vitest';
import type { AksEmulatorOptions, RunningAksEmulator } from '../../../local/aks-emulator';
import { startDevIssuer, type RunningDevIssuer } from '../../../local/dev-issuer';
import { startTestEmulator, SUB } from '../../emulator/harness';
import { fleetApiHostEnv, startLocalHost, type StartedHost } from '../../support/localHost';
import { uniqueTablePrefix } from '../../support/storage';

const AUDIENCE = 'api://fleetplane-update-runs-e2e';
const OWNER = '0e000000-0000-4000-8000-0000000000a1';

export interface Answer {
  status: number;
  body: any;
}

/**
 * The fleet API with the update-run engine through the local host, over Azurite, the AKS emulator (ARM, Azure
 * Monitor, its virtual clock as the run's clock) and the dev issuer; the host can be killed (SIGKILL) and restarted.
 */
export class UpdateRunStack {
  issuer!: RunningDevIssuer;
  emulator!: RunningAksEmulator;
  host!: StartedHost;
  private owner = '';
  readonly tablePrefix = uniqueTablePrefix();

  async start(emulatorOptions: AksEmulatorOptions, prepare: (emulator: RunningAksEmulator) => Promise<void>): Promise<void> {
    this.issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-issuer-')) });
    this.emulator = await startTestEmulator(emulatorOptions);
    await prepare(this.emulator);
    await this.startHost();
    this.owner = await this.issuer.signToken({ audience: AUDIENCE, role: 'Owner', oid: OWNER });
  }

  async startHost(): Promise<void> {
    this.host = await startLocalHost({
      env: {
        ...fleetApiHostEnv({
          storageConnectionString: inject('storageConnectionString'),
          issuerUrl: this.issuer.issuerUrl,
          audience: AUDIENCE,
          armEndpoint: this.emulator.baseUrl,
          subscriptionIds: [SUB],
          tablePrefix: this.tablePrefix,
        }),
        FLEETPLANE_LOGS_ENDPOINT: `${this.emulator.baseUrl}/v1`,
        FLEETPLANE_METRICS_ENDPOINT: `${this.emulator.baseUrl}/regions/{region}`,
        FLEETPLANE_VIRTUAL_CLOCK_URL: `${this.emulator.baseUrl}/_emulator/clock`,
        FLEETPLANE_UPDATERUNS_POLL_SECONDS: '1',
        FLEETPLANE_ARM_TRY_TIMEOUT_MS: '2000',
        FLEETPLANE_ARM_CALL_DEADLINE_MS: '2500',
        FLEETPLANE_HTTP_ARM_DEADLINE_MS: '4000',
        FLEETPLANE_SUBMISSION_GRACE_MS: '5000',
        // Create and start each read all 12 members live (with a run command result per member) within seconds:
        // more than one caller's default share of ARM's read bucket, which is not what these tests are about.
        FLEETPLANE_ARM_READ_BUCKET: '1000',
      },
    });
  }

  async killHost(): Promise<void> {
    const { process: child } = this.host.child;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /**
   * What the `updateRunsRepair` timer does for a run whose advance message was lost (a message the killed host had
   * leased stays invisible for its 10-minute lease): one advance message. Timers are off in test hosts.
   */
  async repairKick(runId: string): Promise<void> {
    const queue = new QueueClient(inject('storageConnectionString'), `${this.tablePrefix.toLowerCase()}-updateruns`);
    await queue.createIfNotExists();
    await queue.sendMessage(Buffer.from(JSON.stringify({ runId })).toString('base64'));
  }

  async call(method: string, route: string, body?: unknown): Promise<Answer> {
    const response = await fetch(`${this.host.origin}/api/${route}`, {
      method,
      headers: { authorization: `Bearer ${this.owner}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  async stop(): Promise<void> {
    await this.host?.stop();
    await this.emulator?.close();
    await this.issuer?.close();
  }
}

/** Polls until `check` passes; fails with the last value seen. */
export async function waitFor<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs: number, what: string, describe: (value: T) => unknown = (v) => v): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await read();
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms; last: ${JSON.stringify(await describe(last), null, 1).slice(0, 12000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
