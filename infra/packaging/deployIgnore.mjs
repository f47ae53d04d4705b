// @ts-check
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';

/**
 * The project's .funcignore (gitignore syntax, as the Functions tooling reads it) as two questions the
 * packager asks while walking. A directory that is left out is not entered: as in git, nothing below an
 * excluded directory can be brought back.
 * @param {string} root
 */
export function loadDeployIgnore(root) {
  const rules = ignore().add(readFileSync(path.join(root, '.funcignore'), 'utf8'));
  return {
    /** @param {string} relativeDir */
    deploysDirectory: (relativeDir) => !rules.ignores(`${relativeDir}/`),
    /** @param {string} relativeFile */
    deploysFile: (relativeFile) => !rules.ignores(relativeFile),
  };
}
