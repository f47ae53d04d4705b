import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tsFilesUnder } from '../../support/importGraph';

const root = resolve(__dirname, '../../..');

describe('settings come from one place', () => {
  it('only shared/app.ts reads process.env among the deployed files', () => {
    const readers = [...tsFilesUnder(root, 'shared'), ...tsFilesUnder(root, 'functions')].filter((file) =>
      /process\s*\.\s*env|process\s*\[\s*['"]env['"]\s*\]/.test(readFileSync(resolve(root, file), 'utf8')),
    );
    expect(readers).toEqual(['shared/app.ts']);
  });
});
