import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchWildcard } from '../../../shared/domain/fleet/wildcardMatch';
import { vmSizeMatches } from '../../../shared/domain/fleet/vmSizes';

/** Textbook dynamic programme over (pattern prefix, text prefix): obviously right, quadratic, fine for short inputs. */
function referenceMatch(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let previous = [true, ...Array<boolean>(t.length).fill(false)];
  for (const char of p) {
    const current = [char === '*' && previous[0]!];
    for (let j = 1; j <= t.length; j += 1) {
      current[j] = char === '*' ? previous[j]! || current[j - 1]! : previous[j - 1]! && char === t[j - 1];
    }
    previous = current;
  }
  return previous[t.length]!;
}

// Small alphabets so that stars, repeats and near-misses are common.
const patternChars = fc.constantFrom('*', 'a', 'B', '_', '4', 's');
const textChars = fc.constantFrom('a', 'A', 'b', '_', '4', 's', 'S');

describe('matchWildcard', () => {
  it('agrees with the reference matcher on short patterns and names', () => {
    fc.assert(
      fc.property(fc.string({ unit: patternChars, maxLength: 10 }), fc.string({ unit: textChars, maxLength: 14 }), (pattern, text) => {
        expect(matchWildcard(pattern, text).matched).toBe(referenceMatch(pattern, text));
      }),
      { numRuns: 3_000 },
    );
  });

  it('agrees with the reference on VM-size-like names and guardrail patterns', () => {
    const sizes = fc.constantFrom('Standard_D4s_v5', 'Standard_D16s_v4', 'standard_nc6s_v3', 'Standard_DC4s_v3', 'Standard_E8as_v5', 'Standard_D4s');
    const patterns = fc.constantFrom('Standard_D*s_v5', 'Standard_*', '*_v5', 'Standard_*_*_*_v5', '*', 'Standard_D4s_v5', 'Standard_N*', 'Standard_D*_v*');
    fc.assert(
      fc.property(patterns, sizes, (pattern, name) => {
        expect(vmSizeMatches(pattern, name)).toBe(referenceMatch(pattern, name));
      }),
    );
  });

  it('takes at most (name + 1) × (pattern + 1) steps, also for the patterns that made the regex cubic', () => {
    for (const pattern of ['Standard_*_*_*_v5', '*a*a*a*b', '*_*_*_*_*_*_*_*_x']) {
      for (const text of [`Standard_${'_'.repeat(2_000)}`, 'a'.repeat(20_000), `${'_a'.repeat(5_000)}!`]) {
        const { steps } = matchWildcard(pattern, text);
        expect(steps).toBeLessThanOrEqual((text.length + 1) * (pattern.length + 1));
      }
    }
  });

  it('grows linearly with the name for a fixed pattern (step counts, not wall time)', () => {
    const pattern = 'Standard_*_*_*_v5';
    const stepsFor = (length: number) => matchWildcard(pattern, `Standard_${'_'.repeat(length)}`).steps;
    const [small, large, larger] = [stepsFor(2_000), stepsFor(20_000), stepsFor(200_000)];
    // Ten times the name costs about ten times the steps (a cubic matcher would cost a thousand times).
    expect(large / small).toBeLessThan(11);
    expect(larger / large).toBeLessThan(11);
    expect(matchWildcard(pattern, `Standard_${'_'.repeat(20_000)}`).matched).toBe(false);
    expect(matchWildcard(pattern, `Standard_a_b_c_${'d'.repeat(20_000)}_v5`).matched).toBe(true);
  });
});
