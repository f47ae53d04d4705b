import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

const envSchema = z.object({
  LOCAL_HOST_PORT: port.default(7071),
  AKS_EMULATOR_PORT: port.default(8443),
  FLEETPLANE_DEV_ISSUER_PORT: port.default(7080),
  AKS_EMULATOR_SPEED: z.coerce.number().min(0).default(60),
  AZURITE_BLOB_PORT: port.default(10000),
  AZURITE_QUEUE_PORT: port.default(10001),
  AZURITE_TABLE_PORT: port.default(10002),
  AZURE_SUBSCRIPTION_ID: z.string().optional(),
});

export interface StackOptions {
  hostPort: number;
  emulatorPort: number;
  devIssuerPort: number;
  emulatorSpeed: number;
  azuritePorts: { blob: number; queue: number; table: number };
  persist: boolean;
  realAzure: boolean;
}

const FLAGS = new Set(['--persist', '--emulator']);

/** `npm start [-- --persist] [-- --emulator]`; ports and speed from the environment. */
export function readStackOptions(argv: string[], env: NodeJS.ProcessEnv): StackOptions {
  const unknown = argv.filter((arg) => !FLAGS.has(arg));
  if (unknown.length > 0) throw new Error(`Unknown option ${unknown[0]}; known: ${[...FLAGS].join(', ')}`);
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid setting ${String(issue.path[0])}: ${issue.message}`);
  }
  const values = parsed.data;
  return {
    hostPort: values.LOCAL_HOST_PORT,
    emulatorPort: values.AKS_EMULATOR_PORT,
    devIssuerPort: values.FLEETPLANE_DEV_ISSUER_PORT,
    emulatorSpeed: values.AKS_EMULATOR_SPEED,
    azuritePorts: { blob: values.AZURITE_BLOB_PORT, queue: values.AZURITE_QUEUE_PORT, table: values.AZURITE_TABLE_PORT },
    persist: argv.includes('--persist'),
    realAzure: values.AZURE_SUBSCRIPTION_ID !== undefined && !argv.includes('--emulator'),
  };
}
