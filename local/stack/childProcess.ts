import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ManagedChild {
  name: string;
  process: ChildProcess;
  /** Resolves with the regex match of the first output line (stdout or stderr) that matches. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** Lines seen so far (bounded), for error messages. */
  recentOutput(): string;
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Called for every output line, e.g. to echo it with a prefix. */
  onLine?: (line: string) => void;
}

const KEPT_LINES = 200;

/** A child process we can wait on by its output and always stop, so no process or port is left behind. */
export function spawnManaged(options: SpawnOptions): ManagedChild {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<(line: string) => void>();
  const onLine = (line: string) => {
    lines.push(line);
    if (lines.length > KEPT_LINES) lines.shift();
    options.onLine?.(line);
    waiters.forEach((waiter) => waiter(line));
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return {
    name: options.name,
    process: child,
    recentOutput: () => lines.join('\n'),
    waitForLine(pattern, timeoutMs) {
      const seen = lines.map((line) => line.match(pattern)).find(Boolean);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        const check = (line: string) => {
          const match = line.match(pattern);
          if (match) {
            cleanup();
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${options.name} did not print ${String(pattern)} within ${timeoutMs} ms:\n${lines.join('\n')}`));
        }, timeoutMs);
        waiters.add(check);
        void exited.then(() => {
          if (!waiters.has(check)) return;
          cleanup();
          reject(new Error(`${options.name} exited (code ${child.exitCode}) before printing ${String(pattern)}:\n${lines.join('\n')}`));
        });
      });
    },
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
