import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Files of the deployed code (shared/ and functions/) and the relative imports between them. */
export type ImportGraph = Map<string, Set<string>>;

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

export function tsFilesUnder(root: string, folder: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(relative(root, path));
    }
  };
  walk(join(root, folder));
  return files;
}

export function importGraphOf(root: string, files: string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const source = readFileSync(join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const targets = new Set<string>();
    for (const match of source.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3] ?? '';
      if (!specifier.startsWith('.')) continue;
      const target = resolveModule(resolve(root, dirname(file), specifier));
      if (target) targets.add(relative(root, target));
    }
    graph.set(file, targets);
  }
  return graph;
}

function resolveModule(path: string): string | undefined {
  return [`${path}.ts`, join(path, 'index.ts'), path].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** The strongly connected components with more than one member (Tarjan): each is an import cycle. */
export function cyclesOf(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** The folder a file belongs to for the floor plan: `features/clusters`, `platform/http`, `domain/fleet`, `app`, `functions`. */
export function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] !== 'shared') return parts[0]!;
  if (['features', 'platform', 'domain'].includes(parts[1]!) && parts.length > 3) return `${parts[1]}/${parts[2]}`;
  return parts.length > 2 ? parts[1]! : parts[1]!.replace(/\.ts$/, '');
}

export function folderGraphOf(graph: ImportGraph): ImportGraph {
  const folders: ImportGraph = new Map();
  for (const [file, targets] of graph) {
    const from = folderOf(file);
    if (!folders.has(from)) folders.set(from, new Set());
    for (const target of targets) if (folderOf(target) !== from) folders.get(from)!.add(folderOf(target));
  }
  return folders;
}
