/**
 * `npm run bench:vmSizeMatch`: how long one guardrail VM-size check takes for hostile names, in ms.
 *  - the linear matcher (shared/domain/fleet/wildcardMatch.ts) for 2 KB, 20 KB and 200 KB names against
 *    three-star patterns (the API refuses names over 64 characters before any guardrail runs; this is the
 *    matcher's own margin);
 *  - for comparison, the regex the matcher replaced (parts joined with `.*`), on names up to 2 KB only,
 *    stopped once one run exceeds a second: its cost grows with the cube of the name.
 * Goal: every linear-matcher row well under 50 ms.
 */
import { performance } from 'node:perf_hooks';
import { matchWildcard } from '../shared/domain/fleet/wildcardMatch';

const PATTERNS = ['Standard_*_*_*_v5', 'Standard_D*s*_*v5'];
const MATCHER_LENGTHS = [2_048, 20_480, 204_800];
const REGEX_LENGTHS = [250, 500, 1_000, 2_048];
const REGEX_STOP_MS = 1_000;

function hostileName(length: number): string {
  return `Standard_${'_'.repeat(length - 'Standard_'.length)}`;
}

function timeMs(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

function joinedRegexMatch(pattern: string, name: string): boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 'i').test(name);
}

function main(): void {
  const rows: { matcher: string; pattern: string; nameLength: number; ms: string; steps?: number }[] = [];
  for (const pattern of PATTERNS) {
    for (const length of MATCHER_LENGTHS) {
      const name = hostileName(length);
      let steps = 0;
      const ms = timeMs(() => (steps = matchWildcard(pattern, name).steps));
      rows.push({ matcher: 'linear', pattern, nameLength: length, ms: ms.toFixed(2), steps });
    }
    for (const length of REGEX_LENGTHS) {
      const ms = timeMs(() => joinedRegexMatch(pattern, hostileName(length)));
      rows.push({ matcher: 'joined regex (old)', pattern, nameLength: length, ms: ms.toFixed(2) });
      if (ms > REGEX_STOP_MS) break;
    }
  }
  console.table(rows);
}

main();
