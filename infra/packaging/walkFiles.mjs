// @ts-check
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Every file under `dir`, as paths relative to `root` with forward slashes (the form zip entries and
 * .funcignore patterns use). `enterDirectory(relativeDir)` decides whether a directory is walked at all.
 * @param {string} root
 * @param {string} dir relative to root
 * @param {(relativeDir: string) => boolean} enterDirectory
 * @returns {string[]}
 */
export function walkFiles(root, dir, enterDirectory) {
  const files = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    // A symbolic link counts as what it points to (the zip stores the target's content).
    const stats = entry.isSymbolicLink() ? statSync(path.join(root, relative)) : entry;
    if (stats.isDirectory()) {
      if (enterDirectory(relative)) files.push(...walkFiles(root, relative, enterDirectory));
    } else if (stats.isFile()) {
      files.push(relative);
    }
  }
  return files;
}
