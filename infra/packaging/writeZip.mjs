// @ts-check
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { zipSync } from 'fflate';

/** One fixed time for every entry, so the same inputs give the same zip bytes. */
const ENTRY_TIME = new Date('2000-01-01T00:00:00Z');
/** "Made by" Unix (APPNOTE 4.4.2.2), so the external attributes carry the file's Unix mode. */
const UNIX = 3;
const REGULAR_FILE = 0o100000;
/** Without the Zip64 extension (which fflate does not write) a zip holds fewer entries than this. */
const ENTRY_LIMIT = 0xffff;

/**
 * @typedef {{ entry: string, source: string } | { entry: string, content: Buffer }} PackageFile
 */

/**
 * Writes the files into a zip at `out`, in the given order (read and compressed in memory: tens of MB).
 * @param {PackageFile[]} files
 * @param {string} out
 */
export function writeZip(files, out) {
  if (files.length >= ENTRY_LIMIT)
    throw new Error(`${files.length} files: more than a zip without Zip64 holds.`);
  /** @type {import('fflate').Zippable} */
  const zippable = {};
  for (const file of files) {
    const content = 'content' in file ? file.content : readFileSync(file.source);
    const permissions = 'content' in file ? 0o644 : statSync(file.source).mode & 0o777;
    // The Unix mode sits in the high 16 bits of the external attributes.
    zippable[file.entry] = [
      content,
      { os: UNIX, attrs: (REGULAR_FILE | permissions) * 0x10000, mtime: ENTRY_TIME },
    ];
  }
  writeFileSync(out, zipSync(zippable, { level: 6 }));
}
