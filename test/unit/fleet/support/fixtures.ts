import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const candidates = [
  join(__dirname, '../../../fixtures/containerservice'),
  '/work/shared/fixtures/azure-rest-examples/containerservice',
];

export interface ArmExample {
  parameters: Record<string, unknown> & { parameters?: unknown };
  responses: Record<string, { body?: unknown }>;
}

/** An AKS REST example file (x-ms-examples layout), from test/fixtures/containerservice. */
export function loadExample(fileName: string): ArmExample {
  const directory = candidates.find((candidate) => existsSync(join(candidate, fileName)));
  if (!directory) throw new Error(`fixture ${fileName} not found in ${candidates.join(', ')}`);
  return JSON.parse(readFileSync(join(directory, fileName), 'utf8')) as ArmExample;
}
