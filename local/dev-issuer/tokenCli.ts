import { parseTokenCliArgs, TOKEN_CLI_USAGE, TokenCliUsageError } from './tokenCliArgs';
import { signDevToken } from './signDevToken';

export interface CliOutput {
  stdout(line: string): void;
  stderr(line: string): void;
}

/** Runs the token CLI; the token is the only thing written to stdout, on the last line. Returns the exit code. */
export async function runTokenCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  output: CliOutput,
): Promise<number> {
  let request;
  try {
    request = parseTokenCliArgs(argv, env);
  } catch (error) {
    if (!(error instanceof TokenCliUsageError)) throw error;
    output.stderr(`error: ${error.message}`);
    output.stderr(TOKEN_CLI_USAGE);
    return 2;
  }
  if (request.help) {
    output.stderr(TOKEN_CLI_USAGE);
    return 0;
  }
  const { token: options, dir } = request;
  const token = await signDevToken(options, dir);
  output.stderr(
    `dev token: role=${options.role ?? '(none)'} scope=${options.scope ?? 'tenant'} oid=${options.oid ?? '(default dev user)'} ` +
      `aud=${options.audience} issuer port=${options.port ?? '(default)'}`,
  );
  if (options.scope !== undefined) {
    output.stderr(
      'the role applies only at --scope, and only where the app runs in local mode with the dev issuer trusted',
    );
  }
  output.stdout(token);
  return 0;
}

if (require.main === module) {
  runTokenCli(process.argv.slice(2), process.env, {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
