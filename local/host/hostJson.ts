import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseQueueHostOptions, type QueueHostOptions } from './queues/queueHostOptions';

const hostJsonSchema = z.object({
  version: z.literal('2.0'),
  extensions: z
    .object({
      http: z.object({ routePrefix: z.string().optional() }).optional(),
      queues: z.unknown().optional(),
    })
    .optional(),
});

export interface HostOptions {
  routePrefix: string;
  queues: QueueHostOptions;
}

/** Reads host.json the way the Functions host does for the settings the local host honours. */
export function readHostJson(appDir: string): HostOptions {
  const raw: unknown = JSON.parse(readFileSync(path.join(appDir, 'host.json'), 'utf8'));
  const parsed = hostJsonSchema.parse(raw);
  const prefix = parsed.extensions?.http?.routePrefix ?? 'api';
  return { routePrefix: prefix.replace(/^\/+|\/+$/g, ''), queues: parseQueueHostOptions(parsed.extensions?.queues) };
}
