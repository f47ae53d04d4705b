// @ts-check

/** What the deployed package.json keeps: what the worker (main, type) and a reader (name, version, engines, dependencies) need. */
const DEPLOYED_FIELDS = [
  'name',
  'version',
  'private',
  'description',
  'type',
  'main',
  'engines',
  'dependencies',
];

/**
 * The package.json shipped in the package: without scripts (they run local/ tools that are not deployed)
 * and without devDependencies, so the package names nothing it does not hold.
 * @param {Record<string, unknown>} projectManifest
 * @returns {Buffer}
 */
export function deployManifest(projectManifest) {
  const deployed = Object.fromEntries(
    DEPLOYED_FIELDS.filter((field) => field in projectManifest).map((field) => [
      field,
      projectManifest[field],
    ]),
  );
  return Buffer.from(`${JSON.stringify(deployed, null, 2)}\n`);
}
