import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cyclesOf, folderGraphOf, importGraphOf, tsFilesUnder, type ImportGraph } from '../../support/importGraph';

const root = resolve(__dirname, '../../..');
const graph = importGraphOf(root, [...tsFilesUnder(root, 'shared'), ...tsFilesUnder(root, 'functions')]);

const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges).map(([k, v]) => [k, new Set(v)]));

describe('the floor plan has no circles', () => {
  it('no file imports a file that imports it back, directly or through others', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('no folder loops (features/x, platform/y, domain/z, app, functions)', () => {
    expect(cyclesOf(folderGraphOf(graph))).toEqual([]);
  });

  it('the detector finds a planted cycle, a self-import and a folder loop', () => {
    expect(cyclesOf(graphOf({ a: ['b'], b: ['c'], c: ['a'], d: ['a'] }))).toEqual([['a', 'b', 'c']]);
    expect(cyclesOf(graphOf({ a: ['a'] }))).toEqual([['a']]);
    const files = graphOf({ 'shared/features/x/a.ts': ['shared/platform/http/b.ts'], 'shared/platform/http/b.ts': ['shared/features/x/c.ts'] });
    expect(cyclesOf(folderGraphOf(files))).toEqual([['features/x', 'platform/http']]);
  });
});
