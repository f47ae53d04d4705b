import { z } from 'zod';
import { parseBootstrapOwners } from '../../domain/access/bootstrapOwners';
import { parseSecretKey } from '../secrets/secretEnvelope';

/**
 * Every setting the app reads, parsed once at cold start. Names follow Azure Functions app settings;
 * `AzureWebJobsStorage__*` are the identity-based connection settings the Functions host also understands.
 */
const commaList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');
const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' });
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** A Storage queue name (also a trigger's `%SETTING%`, so it must be an app setting in Azure). */
const queueName = (fallback: string) =>
  z
    .string()
    .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'must be a queue name: 3-63 lowercase letters, digits and single hyphens')
    .default(fallback);

/** `keyId:base64` of a 32-byte key; the issue never repeats the value. */
const secretKey = z.string().transform((value, ctx) => {
  try {
    return parseSecretKey(value.trim());
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const settingsSchema = z
  .object({
    FLEETPLANE_MODE: z.enum(['azure', 'local']).default('azure'),
    AzureWebJobsStorage: z.string().min(1).optional(),
    AzureWebJobsStorage__accountName: z.string().regex(/^[a-z0-9]{3,24}$/, 'must be a storage account name').optional(),
    AzureWebJobsStorage__tableServiceUri: httpsUrl.optional(),
    AzureWebJobsStorage__blobServiceUri: httpsUrl.optional(),
    AzureWebJobsStorage__clientId: uuid.optional(),
    AzureWebJobsStorage__queueServiceUri: httpsUrl.optional(),
    FLEETPLANE_TABLE_PREFIX: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,29}$/, 'must start with a letter and hold only letters and digits (max 30)')
      .default('fleetplane'),
    /** Also the trigger's `%FLEETPLANE_OPERATIONS_QUEUE%`: set it as an app setting (infra does). */
    FLEETPLANE_OPERATIONS_QUEUE: queueName('fleetplane-operations'),
    /** Also the `autoscaleCycle` trigger's `%FLEETPLANE_AUTOSCALE_QUEUE%`: ticks and subscription batches of the autoscale cycle. */
    FLEETPLANE_AUTOSCALE_QUEUE: queueName('fleetplane-autoscale'),
    /** Seconds between autoscale cycles (tests shorten it and move the virtual clock instead). */
    FLEETPLANE_AUTOSCALE_CYCLE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
    /**
     * The autoscale cycle reads a subscription from the inventory snapshot instead of ARM's list when its last
     * successful sync is at most this old and no autoscale write was spent there since (0: always list). Writes
     * from a snapshot re-read the pool and are refused if its count, range or state moved. Off by default: a
     * snapshot misses clusters created and stops/starts made by others since it was taken (README, Autoscale).
     */
    FLEETPLANE_AUTOSCALE_INVENTORY_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(3_600).default(0),
    /** Local mode only: the AKS emulator's virtual clock (`…/_emulator/clock`) as "now" for scheduled work. */
    FLEETPLANE_VIRTUAL_CLOCK_URL: z
      .url({ protocol: /^https?$/, hostname: /^(127\.0\.0\.1|localhost)$/, error: 'must be an http(s) URL on loopback' })
      .optional(),
    /** Also the trigger's `%FLEETPLANE_WEBHOOKS_INBOUND_QUEUE%`: inbound Event Grid events and alerts to act on. */
    FLEETPLANE_WEBHOOKS_INBOUND_QUEUE: queueName('fleetplane-webhooks-inbound'),
    /** Also the trigger's `%FLEETPLANE_UPDATERUNS_QUEUE%`: one advance of an update run per message. */
    FLEETPLANE_UPDATERUNS_QUEUE: queueName('fleetplane-updateruns'),
    /** Longest pause between two advances of an update run while something runs (tests shorten it). */
    FLEETPLANE_UPDATERUNS_POLL_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
    AZURE_SUBSCRIPTION_ID: uuid.optional(),
    /** Also the trigger's `%FLEETPLANE_WEBHOOK_DELIVERY_QUEUE%`: one message per webhook delivery attempt. */
    FLEETPLANE_WEBHOOK_DELIVERY_QUEUE: queueName('fleetplane-webhook-deliveries'),
    /** Webhook retries: base × 4^(n-1) seconds with jitter, capped, until the delivery is this old (about 3 days). */
    FLEETPLANE_WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().min(0).max(3_600).default(5),
    FLEETPLANE_WEBHOOK_RETRY_MAX_DELAY_SECONDS: z.coerce.number().min(0).max(86_400).default(36_000),
    FLEETPLANE_WEBHOOK_RETRY_FOR_SECONDS: z.coerce.number().min(0).max(604_800).default(259_200),
    /** How long a rotated-out signing secret keeps signing next to the new one. */
    FLEETPLANE_WEBHOOK_SECRET_OVERLAP_HOURS: z.coerce.number().min(0).max(168).default(24),
    /**
     * Seals webhook signing secrets at rest: `keyId:base64` of 32 bytes (in Azure a Key Vault reference). Required in
     * azure mode; local mode uses a fixed development key when unset. Keys listed in `_PREVIOUS_KEYS` still open.
     */
    FLEETPLANE_WEBHOOK_SECRET_KEY: secretKey.optional(),
    FLEETPLANE_WEBHOOK_SECRET_PREVIOUS_KEYS: commaList.pipe(z.array(secretKey)).optional(),
    /** Finished webhook deliveries are kept this long after their event (events a retry round longer). */
    FLEETPLANE_WEBHOOK_RETENTION_DAYS: z.coerce.number().min(1).max(3_650).default(30),
    /** Processed inbound records (dedupe keys) are kept this long: past Event Grid's 24 h retry horizon. */
    FLEETPLANE_WEBHOOKS_INBOUND_DEDUPE_HOURS: z.coerce.number().min(25).max(8_760).default(48),
    /** Bounds on one webhook attempt: resolving and connecting (TLS included), and the whole attempt. */
    FLEETPLANE_WEBHOOK_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3_000),
    FLEETPLANE_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(10_000),
    FLEETPLANE_SUBSCRIPTION_IDS: commaList.pipe(z.array(uuid)).optional(),
    FLEETPLANE_ARM_ENDPOINT: httpsUrl.default('https://management.azure.com'),
    FLEETPLANE_PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    FLEETPLANE_ARM_CREDENTIAL: z.enum(['default', 'emulator']).default('default'),
    /** Log Analytics query API; used as given (LogsQueryClient appends no `/v1` to a custom endpoint). */
    FLEETPLANE_LOGS_ENDPOINT: httpsUrl.default('https://api.loganalytics.io/v1'),
    /** Bound on each HTTP try to ARM (a hung connection is cut here; reads are retried within the call deadline). */
    FLEETPLANE_ARM_TRY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Bound on one ARM call, retries and their waits included; a Retry-After past it is answered at once. */
    FLEETPLANE_ARM_CALL_DEADLINE_MS: z.coerce.number().int().min(100).max(120_000).default(20_000),
    /** Every ARM call made while serving one HTTP request ends by then (Azure's front end cuts at 230 s). */
    FLEETPLANE_HTTP_ARM_DEADLINE_MS: z.coerce.number().int().min(100).max(120_000).default(25_000),
    /** How long a write whose ARM answer was lost may take to show up in Azure before it is closed as not applied. */
    FLEETPLANE_SUBMISSION_GRACE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(300_000),
    /** Azure Monitor metrics batch API; `{region}` becomes each cluster's region (the batch endpoint is regional). */
    FLEETPLANE_METRICS_ENDPOINT: z
      .string()
      .default('https://{region}.metrics.monitor.azure.com')
      .refine((value) => value.includes('{region}'), 'must contain {region}, e.g. https://{region}.metrics.monitor.azure.com')
      .refine((value) => httpsUrl.safeParse(value.replaceAll('{region}', 'eastus')).success, 'must be an https URL'),
    FLEETPLANE_HEALTH_LOCATION: z.string().regex(/^[a-z0-9]+$/, 'must be an Azure region name like eastus').default('eastus'),
    FLEETPLANE_HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3_000),
    /** How long one readiness probe answers every /api/health/ready call of an instance (at least 10 s). */
    FLEETPLANE_HEALTH_CACHE_SECONDS: z.coerce.number().int().min(10).max(300).default(10),
    /** ARM's read bucket per identity and subscription (token bucket: size, refill per second). */
    FLEETPLANE_ARM_READ_BUCKET: z.coerce.number().int().min(1).max(100_000).default(250),
    FLEETPLANE_ARM_READS_PER_SECOND: z.coerce.number().positive().max(10_000).default(25),
    /** Instances that may run at once (the plan's maximum instance count): each keeps 1/N of ARM's read bucket. */
    FLEETPLANE_INSTANCE_COUNT: z.coerce.number().int().min(1).max(1_000).default(1),
    /** Share of an instance's ARM reads kept for timers, queue triggers and readiness. */
    FLEETPLANE_ARM_SYSTEM_READ_SHARE: z.coerce.number().min(0).max(0.9).default(0.2),
    /** Share of the callers' ARM reads that one caller may use. */
    FLEETPLANE_ARM_CALLER_READ_SHARE: z.coerce.number().gt(0).max(1).default(0.25),
    /** Bound on one storage call, retries included: past it the request answers 503 + Retry-After. */
    FLEETPLANE_STORAGE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(4_000),
    /** Bound on one try of a storage call; a try that runs out is retried within the call's bound. */
    FLEETPLANE_STORAGE_TRY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
    FLEETPLANE_LOG_LEVEL: z.enum(['debug', 'information', 'warning', 'error']).default('information'),
    FLEETPLANE_TRUST_CLIENT_PRINCIPAL: booleanFlag.default(false),
    FLEETPLANE_AUTH_TRUSTED_TENANTS: commaList.pipe(z.array(uuid)).optional(),
    FLEETPLANE_AUTH_AUDIENCES: commaList.pipe(z.array(z.string().min(1))).optional(),
    FLEETPLANE_AUTH_AUTHORITY_HOST: httpsUrl.optional(),
    FLEETPLANE_AUTH_APP_ROLES_AT_TENANT_SCOPE: booleanFlag.default(false),
    FLEETPLANE_AUTH_GROUPS_OVERAGE: z.enum(['flag', 'reject']).default('flag'),
    FLEETPLANE_BOOTSTRAP_OWNERS: z.string().optional(),
    FLEETPLANE_WINDOWS_ADMIN_USERNAME: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9._-]{0,19}$/, 'must be 1-20 letters, digits, ".", "_" or "-", starting with a letter')
      .optional(),
    FLEETPLANE_WINDOWS_ADMIN_PASSWORD: z
      .string()
      .min(14, 'must be 14 to 123 characters (AKS rule)')
      .max(123, 'must be 14 to 123 characters (AKS rule)')
      .optional(),
    FLEETPLANE_DEV_ISSUER: z
      .url({ protocol: /^http$/, hostname: /^(127\.0\.0\.1|localhost)$/, error: 'must be an http URL on loopback' })
      .regex(/\/[0-9a-f-]{36}\/v2\.0$/i, 'must end with /{tenantId}/v2.0')
      .optional(),
  })
  .superRefine((value, ctx) => {
    const hasStorage =
      value.AzureWebJobsStorage ||
      value.AzureWebJobsStorage__accountName ||
      (value.AzureWebJobsStorage__tableServiceUri && value.AzureWebJobsStorage__blobServiceUri);
    if (!hasStorage) {
      ctx.addIssue({
        code: 'custom',
        path: ['AzureWebJobsStorage'],
        message: 'is required (a connection string, or AzureWebJobsStorage__accountName for identity-based access)',
      });
    }
    if (value.FLEETPLANE_MODE === 'azure') {
      for (const name of ['FLEETPLANE_AUTH_TRUSTED_TENANTS', 'FLEETPLANE_AUTH_AUDIENCES'] as const) {
        if (!value[name]?.length) ctx.addIssue({ code: 'custom', path: [name], message: 'is required in azure mode' });
      }
      if (!value.FLEETPLANE_WEBHOOK_SECRET_KEY) {
        ctx.addIssue({ code: 'custom', path: ['FLEETPLANE_WEBHOOK_SECRET_KEY'], message: 'is required in azure mode (keyId:base64 of 32 bytes, a Key Vault reference)' });
      }
    }
    if (value.FLEETPLANE_VIRTUAL_CLOCK_URL && value.FLEETPLANE_MODE !== 'local') {
      ctx.addIssue({ code: 'custom', path: ['FLEETPLANE_VIRTUAL_CLOCK_URL'], message: 'is allowed only when FLEETPLANE_MODE=local' });
    }
    if (value.FLEETPLANE_DEV_ISSUER && value.FLEETPLANE_MODE !== 'local') {
      ctx.addIssue({ code: 'custom', path: ['FLEETPLANE_DEV_ISSUER'], message: 'is trusted only when FLEETPLANE_MODE=local' });
    }
    if (Boolean(value.FLEETPLANE_WINDOWS_ADMIN_USERNAME) !== Boolean(value.FLEETPLANE_WINDOWS_ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['FLEETPLANE_WINDOWS_ADMIN_PASSWORD'],
        message: 'and FLEETPLANE_WINDOWS_ADMIN_USERNAME must be set together',
      });
    }
    try {
      parseBootstrapOwners(value.FLEETPLANE_BOOTSTRAP_OWNERS);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['FLEETPLANE_BOOTSTRAP_OWNERS'], message: (error as Error).message });
    }
    if (value.FLEETPLANE_SUBMISSION_GRACE_MS <= Math.max(value.FLEETPLANE_ARM_CALL_DEADLINE_MS, value.FLEETPLANE_HTTP_ARM_DEADLINE_MS)) {
      // A shorter grace could close a submission that is still waiting for ARM's answer.
      ctx.addIssue({ code: 'custom', path: ['FLEETPLANE_SUBMISSION_GRACE_MS'], message: 'must be longer than the ARM deadlines' });
    }
    if (value.FLEETPLANE_ARM_CREDENTIAL === 'emulator' && value.FLEETPLANE_MODE !== 'local') {
      ctx.addIssue({
        code: 'custom',
        path: ['FLEETPLANE_ARM_CREDENTIAL'],
        message: 'may be "emulator" only when FLEETPLANE_MODE=local',
      });
    }
  });

export type Settings = z.infer<typeof settingsSchema>;

export class SettingsError extends Error {}

/** Parses settings from an environment; the first problem becomes one line that names the setting. */
export function parseSettings(env: Record<string, string | undefined>): Settings {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = settingsSchema.safeParse(present);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? 'settings');
  throw new SettingsError(`Invalid setting ${name}: ${issue.message}`);
}

/** All subscriptions the fleet spans, in a stable order without duplicates. */
export function fleetSubscriptions(settings: Settings): string[] {
  const all = [...(settings.FLEETPLANE_SUBSCRIPTION_IDS ?? []), settings.AZURE_SUBSCRIPTION_ID];
  return [...new Set(all.filter((id): id is string => Boolean(id)).map((id) => id.toLowerCase()))];
}
