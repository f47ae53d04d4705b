import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const localSettingsSchema = z.object({
  IsEncrypted: z.boolean().optional(),
  Values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});

/**
 * Loads local.settings.json `Values` into the environment as Core Tools does. Variables already set in the
 * environment win, so a shell or test can override any value.
 */
export function applyLocalSettings(appDir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const file = path.join(appDir, 'local.settings.json');
  if (!existsSync(file)) return [];
  const parsed = localSettingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`local.settings.json is invalid: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  if (parsed.data.IsEncrypted) throw new Error('local.settings.json is encrypted; the local host reads plain values only.');
  const applied: string[] = [];
  for (const [name, value] of Object.entries(parsed.data.Values)) {
    if (env[name] === undefined) {
      env[name] = String(value);
      applied.push(name);
    }
  }
  return applied;
}
