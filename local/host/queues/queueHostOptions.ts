import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { parseTimeSpanMs } from './timeSpan';

/** host.json `extensions.queues`, with the Storage queues extension's (5.x, bundle 4.x) defaults and limits. */
export interface QueueHostOptions {
  /** Messages fetched per receive call (1-32). */
  batchSize: number;
  /** Fetch the next batch once this many or fewer messages are still being processed. */
  newBatchThreshold: number;
  /** Longest wait between polls of an empty queue. */
  maxPollingIntervalMs: number;
  /** How long a failed message stays invisible before its next attempt. */
  visibilityTimeoutMs: number;
  /** Attempts before a message moves to `<queue>-poison`. */
  maxDequeueCount: number;
  messageEncoding: 'base64' | 'none';
}

/** The extension never polls faster than this, and refuses a smaller maxPollingInterval. */
export const MIN_POLLING_INTERVAL_MS = 100;
/** The storage service's largest visibility timeout. */
const MAX_VISIBILITY_TIMEOUT_MS = 7 * 24 * 3_600_000;

const count = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int());
const duration = z.string().transform((text, ctx) => {
  try {
    return parseTimeSpanMs(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const queuesSchema = z.strictObject({
  batchsize: count.pipe(z.number().min(1).max(32)).optional(),
  newbatchthreshold: count.pipe(z.number().min(0)).optional(),
  maxpollinginterval: duration
    .pipe(z.number().min(MIN_POLLING_INTERVAL_MS, 'must be at least 00:00:00.100'))
    .optional(),
  visibilitytimeout: duration
    .pipe(z.number().max(MAX_VISIBILITY_TIMEOUT_MS, 'must be at most 7 days'))
    .optional(),
  maxdequeuecount: count.pipe(z.number().min(1)).optional(),
  messageencoding: z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(['base64', 'none']))
    .optional(),
});

/**
 * Reads `extensions.queues` the way the host binds it: keys case-insensitive, numbers as numbers or numeric
 * strings. Unknown keys are refused here (the host ignores them) so a typo cannot silently keep a default.
 */
export function parseQueueHostOptions(
  raw: unknown,
  env: Record<string, string | undefined> = process.env,
): QueueHostOptions {
  const given = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const result = queuesSchema.safeParse(lowerCaseKeys(given));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const lowerCasedKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[0];
    const key = lowerCasedKey === undefined ? '' : `.${originalKey(given, String(lowerCasedKey))}`;
    const message = issue.code === 'unrecognized_keys' ? 'is not a setting of the queues extension' : issue.message;
    throw new Error(`host.json extensions.queues${key}: ${message}`);
  }
  const options = result.data;
  const batchSize = options.batchsize ?? 16;
  return {
    batchSize,
    newBatchThreshold: options.newbatchthreshold ?? Math.floor(batchSize / 2) * processorCount(env),
    maxPollingIntervalMs: options.maxpollinginterval ?? 60_000,
    visibilityTimeoutMs: options.visibilitytimeout ?? 0,
    maxDequeueCount: options.maxdequeuecount ?? 5,
    messageEncoding: options.messageencoding ?? 'base64',
  };
}

/** As the extension counts processors: 1 on the Consumption plan (WEBSITE_SKU=Dynamic), else the machine's. */
function processorCount(env: Record<string, string | undefined>): number {
  return env.WEBSITE_SKU?.toLowerCase() === 'dynamic' ? 1 : availableParallelism();
}

function originalKey(given: Record<string, unknown>, lowerCased: string): string {
  return Object.keys(given).find((key) => key.toLowerCase() === lowerCased) ?? lowerCased;
}

function lowerCaseKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key.toLowerCase(), entry]));
}
