import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';

/** Extracts every file of the zip under `targetDir`; returns the entry names. */
export function unzip(zipPath: string, targetDir: string): string[] {
  const entries = unzipSync(readFileSync(zipPath));
  const createdDirs = new Set<string>();
  for (const [name, content] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    const target = path.join(targetDir, name);
    if (!createdDirs.has(path.dirname(target))) {
      mkdirSync(path.dirname(target), { recursive: true });
      createdDirs.add(path.dirname(target));
    }
    writeFileSync(target, content);
  }
  return Object.keys(entries);
}
