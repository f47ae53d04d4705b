import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAzurite, type RunningAzurite } from '../../../local/azurite/startAzurite';

/**
 * An Azurite of one test file's own, which it may stop, restart and freeze without disturbing the suite's
 * shared Azurite. Data lives on disk, so it survives a restart; the ports stay the same, so the connection
 * string does too.
 */
export interface PrivateAzurite {
  connectionString: string;
  /** Stops the process (SIGTERM): connections are refused until `start`. */
  stop(): Promise<void>;
  /** Starts it again on the same ports with the same data. */
  start(): Promise<void>;
  /** SIGSTOP: connections are accepted by the kernel and never answered. */
  freeze(): void;
  /** SIGCONT. */
  thaw(): void;
  /** Stops it for good and deletes its data. */
  dispose(): Promise<void>;
}

export async function startPrivateAzurite(): Promise<PrivateAzurite> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fleetplane-azurite-'));
  let running: RunningAzurite = await startAzurite({ persistLocation: dataDir });
  const ports = {
    blobPort: portOf(running.blobUrl),
    queuePort: portOf(running.queueUrl),
    tablePort: portOf(running.tableUrl),
  };
  const signal = (name: NodeJS.Signals) => running.child.process.kill(name);
  return {
    connectionString: running.connectionString,
    stop: () => running.stop(),
    async start() {
      running = await startAzurite({ persistLocation: dataDir, ...ports });
    },
    freeze: () => signal('SIGSTOP'),
    thaw: () => signal('SIGCONT'),
    async dispose() {
      signal('SIGCONT');
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}
