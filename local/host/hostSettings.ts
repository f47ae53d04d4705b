import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const hostSettingsSchema = z.object({
  LOCAL_HOST_PORT: z.coerce.number().int().min(0).max(65535).default(7071),
  LOCAL_HOST_BIND: z.string().default('127.0.0.1'),
  LOCAL_HOST_ID: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, 'must be 1-32 lowercase letters, digits or dashes')
    .default('fleetplane-local'),
  LOCAL_HOST_ENFORCE_KEYS: flag.default(false),
  LOCAL_HOST_FUNCTION_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  LOCAL_HOST_MASTER_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  LOCAL_HOST_TIMERS: flag.default(true),
  LOCAL_HOST_QUEUES: flag.default(true),
});

export type HostSettings = z.infer<typeof hostSettingsSchema>;

/** Settings of the local host itself (not of the app). Same one-line failure as the app's settings. */
export function parseHostSettings(env: Record<string, string | undefined>): HostSettings {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = hostSettingsSchema.safeParse(present);
  if (result.success) {
    const settings = result.data;
    if (settings.LOCAL_HOST_ENFORCE_KEYS && !settings.LOCAL_HOST_FUNCTION_KEY && !settings.LOCAL_HOST_MASTER_KEY) {
      throw new Error('Invalid setting LOCAL_HOST_ENFORCE_KEYS: set LOCAL_HOST_FUNCTION_KEY or LOCAL_HOST_MASTER_KEY too');
    }
    return settings;
  }
  const issue = result.error.issues[0]!;
  throw new Error(`Invalid setting ${String(issue.path[0])}: ${issue.message}`);
}
