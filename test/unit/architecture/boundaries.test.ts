import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');

interface Probe {
  file: string;
  code: string;
}

/** Lints one probe with exactly the floor plan's rules (eslint.boundaries.mjs) and returns the rules that fired. */
async function firedRules({ file, code }: Probe): Promise<string[]> {
  const { boundaries } = (await import(resolve(root, 'eslint.boundaries.mjs'))) as { boundaries: ESLint.Options['overrideConfig'][] };
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...(boundaries as never[])],
  });
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return result!.messages.map((message) => message.ruleId ?? message.message);
}

const wrongWay: [string, Probe, string][] = [
  ['domain → platform', { file: 'shared/domain/fleet/probe.ts', code: "import { x } from '../../platform/http/etags';" }, 'no-restricted-imports'],
  ['domain → a feature', { file: 'shared/domain/fleet/probe.ts', code: "import { x } from '../../features/clusters';" }, 'no-restricted-imports'],
  ['domain → the app', { file: 'shared/domain/fleet/probe.ts', code: "import { x } from '../../app';" }, 'no-restricted-imports'],
  ['domain → an Azure SDK', { file: 'shared/domain/fleet/probe.ts', code: "import { x } from '@azure/data-tables';" }, 'no-restricted-imports'],
  ['domain → a Node API', { file: 'shared/domain/access/probe.ts', code: "import { x } from 'node:fs';" }, 'no-restricted-imports'],
  ['domain reads the clock', { file: 'shared/domain/fleet/probe.ts', code: 'export const t = Date.now();' }, 'no-restricted-properties'],
  ['domain reads the environment', { file: 'shared/domain/fleet/probe.ts', code: 'export const e = process.env.X;' }, 'no-restricted-properties'],
  ['platform → a feature', { file: 'shared/platform/http/probe.ts', code: "import { x } from '../../features/access';" }, 'no-restricted-imports'],
  ['platform → the app', { file: 'shared/platform/storage/probe.ts', code: "import { x } from '../../app';" }, 'no-restricted-imports'],
  ['platform → local stand-ins', { file: 'shared/platform/arm/probe.ts', code: "import { x } from '../../../local/aks-emulator';" }, 'no-restricted-imports'],
  ['feature → the app', { file: 'shared/features/clusters/probe.ts', code: "import { x } from '../../app';" }, 'no-restricted-imports'],
  ["feature → another feature's file", { file: 'shared/features/clusters/probe.ts', code: "import { x } from '../operations/operationStore';" }, 'no-restricted-imports'],
  ['feature → ARM SDK at runtime', { file: 'shared/features/inventory/probe.ts', code: "import { ContainerServiceClient } from '@azure/arm-containerservice';" }, 'no-restricted-imports'],
  ['feature → functions/', { file: 'shared/features/health/probe.ts', code: "import { x } from '../../../functions/health';" }, 'no-restricted-imports'],
  ['feature reads the environment', { file: 'shared/features/health/probe.ts', code: 'export const e = process.env.X;' }, 'no-restricted-syntax'],
  ['app → local stand-ins', { file: 'shared/app.ts', code: "import { x } from '../local/host/main';" }, 'no-restricted-imports'],
  ['functions → the domain', { file: 'functions/probe.ts', code: "import { x } from '../shared/domain/fleet';" }, 'no-restricted-imports'],
  ["functions → a feature's file", { file: 'functions/probe.ts', code: "import { x } from '../shared/features/clusters/putCluster';" }, 'no-restricted-imports'],
  ['functions → platform internals', { file: 'functions/probe.ts', code: "import { x } from '../shared/platform/http/handleHttp';" }, 'no-restricted-imports'],
  ['functions read the environment', { file: 'functions/probe.ts', code: 'export const e = process.env.X;' }, 'no-restricted-syntax'],
];

const rightWay: [string, Probe][] = [
  ['domain → domain and zod', { file: 'shared/domain/fleet/probe.ts', code: "import { z } from 'zod';\nimport { x } from '../errors';\nimport { y } from '../access';" }],
  ['platform → domain and SDKs', { file: 'shared/platform/http/probe.ts', code: "import { x } from '../../domain/errors';\nimport { y } from '@azure/functions';" }],
  ["feature → platform, domain, another feature's index, SDK types", {
    file: 'shared/features/clusters/probe.ts',
    code: "import { x } from '../operations';\nimport { y } from '../../platform/http/etags';\nimport type { ManagedCluster } from '@azure/arm-containerservice';",
  }],
  ['app → everything in shared and the environment', { file: 'shared/app.ts', code: "import { x } from './features/clusters';\nexport const e = process.env.X;" }],
  ['functions → app, feature index, trigger helpers', {
    file: 'functions/probe.ts',
    code: "import { app } from '@azure/functions';\nimport { fleetplane } from '../shared/app';\nimport { x } from '../shared/features/clusters';\nimport { httpTriggerOf } from '../shared/platform/triggers/httpTrigger';",
  }],
];

describe('ESLint enforces the floor plan in every folder', () => {
  it.each(wrongWay)('%s fails', async (_name, probe, rule) => {
    expect(await firedRules(probe)).toContain(rule);
  });

  it.each(rightWay)('%s passes', async (_name, probe) => {
    expect(await firedRules(probe)).toEqual([]);
  });
});
