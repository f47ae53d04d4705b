import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../../shared/domain/access/roles';
import { isGuid, tryParseScope } from '../../shared/domain/access/scope';
import { DEV_API_CLIENT_ID, DEV_ISSUER_DEFAULT_DIR, DEV_ISSUER_DEFAULT_PORT } from './constants';
import type { DevTokenOptions } from './signDevToken';

/** Environment variables the CLI reads; flags win over them. */
export const TOKEN_CLI_ENV = {
  audience: 'FLEETPLANE_AUTH_AUDIENCES',
  port: 'FLEETPLANE_DEV_ISSUER_PORT',
  dir: 'FLEETPLANE_DEV_ISSUER_DIR',
} as const;

export const TOKEN_CLI_USAGE = `Usage: npm run token -- [--role ${ROLES.join('|')}] [--scope <tenant|/subscriptions/...>] [--oid <guid>]
  [--kind user|servicePrincipal] [--groups <guid,guid>] [--expires-in <seconds>] [--audience <aud>] [--port <n>] [--dir <path>]
Prints a dev-issuer access token as the last line of stdout.`;

export type TokenCliRequest = { help: true } | { help: false; token: DevTokenOptions; dir: string };

export class TokenCliUsageError extends Error {}

export function parseTokenCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): TokenCliRequest {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: 'string' },
        scope: { type: 'string' },
        oid: { type: 'string' },
        kind: { type: 'string' },
        groups: { type: 'string' },
        'expires-in': { type: 'string' },
        audience: { type: 'string' },
        port: { type: 'string' },
        dir: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new TokenCliUsageError((error as Error).message);
  }
  if (values.help === true) return { help: true };
  const role = values.role;
  if (role !== undefined && !isRole(role))
    throw new TokenCliUsageError(`--role must be one of ${ROLES.join(', ')}`);
  if (values.scope !== undefined) {
    const parsed = tryParseScope(values.scope);
    if (!parsed.ok) throw new TokenCliUsageError(`--scope: ${parsed.error.message}`);
  }
  if (values.oid !== undefined && !isGuid(values.oid)) throw new TokenCliUsageError('--oid must be a GUID');
  const kind = values.kind ?? 'user';
  if (kind !== 'user' && kind !== 'servicePrincipal')
    throw new TokenCliUsageError('--kind must be user or servicePrincipal');
  const groups = values.groups?.split(',').filter((group) => group !== '');
  if (groups?.some((group) => !isGuid(group)))
    throw new TokenCliUsageError('--groups must be comma-separated GUIDs');
  const audience = values.audience ?? env[TOKEN_CLI_ENV.audience]?.split(',')[0]?.trim() ?? DEV_API_CLIENT_ID;
  return {
    help: false,
    dir: values.dir ?? env[TOKEN_CLI_ENV.dir] ?? DEV_ISSUER_DEFAULT_DIR,
    token: {
      audience,
      kind,
      port: integerOption('port', values.port ?? env[TOKEN_CLI_ENV.port]) ?? DEV_ISSUER_DEFAULT_PORT,
      ...(role === undefined ? {} : { role }),
      ...(values.scope === undefined ? {} : { scope: values.scope }),
      ...(values.oid === undefined ? {} : { oid: values.oid.toLowerCase() }),
      ...(groups === undefined ? {} : { groups }),
      ...optional('expiresInSeconds', integerOption('expires-in', values['expires-in'])),
    },
  };
}

function integerOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,6}$/.test(raw)) throw new TokenCliUsageError(`--${name} must be a whole number`);
  return Number(raw);
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
