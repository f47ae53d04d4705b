import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '../../../fixtures/containerservice');

export interface ArmExample {
  parameters: Record<string, unknown> & { parameters?: unknown };
  responses: Record<string, { body?: unknown }>;
}

/** An AKS REST example file (x-ms-examples layout), from test/fixtures/containerservice. */
export function loadExample(fileName: string): ArmExample {
  const file = join(FIXTURES, fileName);
  if (!existsSync(file)) throw new Error(`fixture ${fileName} not found in ${FIXTURES}`);
  return JSON.parse(readFileSync(file, 'utf8')) as ArmExample;
}
