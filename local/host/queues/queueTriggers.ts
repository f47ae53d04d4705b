import type { QueueServiceClient } from '@azure/storage-queue';
import type { LogSink } from '../invocationLog';
import { queueServiceFor } from './queueConnection';
import type { QueueFunction } from './queueFunctions';
import type { QueueHostOptions } from './queueHostOptions';
import { poisonQueueNameOf } from './queueNames';
import { QueuePoller, type QueuePollerOptions } from './queuePoller';

export interface QueueTriggersOptions {
  options: QueueHostOptions;
  env: Record<string, string | undefined>;
  logSink?: LogSink;
  /** For tests: shorter leases, a recorded sleep, a fixed random. */
  tuning?: Pick<QueuePollerOptions, 'leaseMs' | 'sleep' | 'random'>;
}

/** Every queue-triggered function of the app, each with its own poller, started and stopped together. */
export class QueueTriggers {
  private readonly pollers: QueuePoller[];

  constructor(functions: QueueFunction[], setup: QueueTriggersOptions) {
    const services = new Map<string, QueueServiceClient>();
    const serviceFor = (connection: string) => {
      const service = services.get(connection) ?? queueServiceFor(connection, setup.env);
      services.set(connection, service);
      return service;
    };
    this.pollers = functions.map((fn) => {
      const service = serviceFor(fn.connection);
      const poisonName = poisonQueueNameOf(fn.queueName);
      return new QueuePoller({
        fn,
        queue: service.getQueueClient(fn.queueName),
        poisonQueue: poisonName ? service.getQueueClient(poisonName) : undefined,
        options: setup.options,
        ...(setup.logSink ? { logSink: setup.logSink } : {}),
        ...setup.tuning,
      });
    });
  }

  start(): void {
    this.pollers.forEach((poller) => poller.start());
  }

  async stop(): Promise<void> {
    await Promise.all(this.pollers.map((poller) => poller.stop()));
  }
}
