// @ts-check
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

/** One fixed time for every entry, so the same inputs give the same zip bytes. */
const ENTRY_TIME = new Date('2000-01-01T00:00:00Z');

/**
 * @typedef {{ entry: string, source: string } | { entry: string, content: Buffer }} PackageFile
 */

/**
 * Writes the files into a zip at `out`, in the given order.
 * @param {PackageFile[]} files
 * @param {string} out
 */
export async function writeZip(files, out) {
  const zip = new yazl.ZipFile();
  for (const file of files) {
    if ('content' in file) zip.addBuffer(file.content, file.entry, { mtime: ENTRY_TIME, mode: 0o100644 });
    else zip.addFile(file.source, file.entry, { mtime: ENTRY_TIME });
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(out));
}
