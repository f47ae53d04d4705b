import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flaggedRegexOf, flaglessPatternOf, repairFlaggedPatterns } from '../../../shared/platform/http/openApiPatterns';

/** How zod-to-openapi 9.1 writes a regex into `pattern`. */
const asWrittenByTheGenerator = (regex: RegExp): string => regex.toString().replace(/^\/|\/$/g, '');

/** JSON Schema validators compile patterns in Unicode mode. */
const documented = (pattern: string): RegExp => new RegExp(pattern, 'u');

const ATOMS = ['a', 'B', 'k', 's', 'z', '1', '_', '-', '.', '\\/', '\\d', '\\w', '\\s', '\\.', '[^/]', '[0-9]', '[a-zA-Z]', '(?:ab|K)'];
const QUANTIFIERS = ['', '', '+', '*', '?', '{1,2}'];
const quantifiedAtom = fc.tuple(fc.constantFrom(...ATOMS), fc.constantFrom(...QUANTIFIERS));
const assertion = fc.constantFrom('(?=s)', '(?!a)', '\\b').map((text) => [text, '']);
const regexSource = fc
  .array(fc.oneof(quantifiedAtom, assertion), { minLength: 1, maxLength: 6 })
  .chain((parts) => fc.tuple(fc.boolean(), fc.boolean()).map(([start, end]) => `${start ? '^' : ''}${parts.map((p) => p.join('')).join('')}${end ? '$' : ''}`));
const subject = fc.string({ unit: fc.constantFrom(...'aAbBkKsSzZ1_-./ \u017f\u212a\u00e9\u00c9'), maxLength: 10 });

describe('flaggedRegexOf', () => {
  it('recognises the source/flags form of a flagged regex', () => {
    const regex = /^\/subscriptions\/[^/]+$/iu;
    expect(flaggedRegexOf(asWrittenByTheGenerator(regex))?.toString()).toBe(regex.toString());
  });

  it('leaves flagless sources alone, even when they end in a slash and letters', () => {
    for (const regex of [/^[a-z]+$/, /^a\/i$/, /a\/iu/, /[/]i/]) {
      expect(flaggedRegexOf(asWrittenByTheGenerator(regex))).toBeUndefined();
    }
  });
});

describe('flaglessPatternOf', () => {
  it('keeps the source when the flags do not change what matches', () => {
    expect(flaglessPatternOf(/^[-\p{L}\p{N}_.()]{1,90}$/u)).toBe('^[-\\p{L}\\p{N}_.()]{1,90}$');
    expect(flaglessPatternOf(/^a+$/gdy)).toBe('^a+$');
  });

  it('spells out the case of an ARM resource id, which ARM compares case-insensitively', () => {
    const pattern = documented(flaglessPatternOf(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/.+/i));
    expect(pattern.test('/subscriptions/s/resourcegroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a')).toBe(true);
    expect(pattern.test('/SUBSCRIPTIONS/s/resourceGroups/rg/PROVIDERS/x')).toBe(true);
    expect(pattern.test('/subscriptions/s/resourceGroups/rg/subnets/a')).toBe(false);
  });

  it('matches exactly what the case-insensitive regex matches', () => {
    fc.assert(
      fc.property(regexSource, fc.array(subject, { minLength: 1, maxLength: 20 }), (source, strings) => {
        const caseInsensitive = new RegExp(source, 'i');
        const spelled = documented(flaglessPatternOf(caseInsensitive));
        for (const string of strings) expect(spelled.test(string), `${source} on ${JSON.stringify(string)}`).toBe(caseInsensitive.test(string));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what it cannot spell out faithfully rather than documenting another rule', () => {
    expect(() => flaglessPatternOf(/^[0-9a-f]+$/i)).toThrow(/\[0-9a-f\].*one case only/);
    expect(() => flaglessPatternOf(/^(a)\1$/i)).toThrow(/escape \\1/);
    expect(() => flaglessPatternOf(/^café$/i)).toThrow(/non-ASCII letter "é"/);
    expect(() => flaglessPatternOf(/^(?<name>a)$/i)).toThrow(/named group/);
    expect(() => flaglessPatternOf(/^k$/iu)).toThrow(/Unicode case/);
    expect(() => flaglessPatternOf(/^a$/m)).toThrow(/flag\(s\) "m"/);
  });
});

describe('repairFlaggedPatterns', () => {
  it('rewrites schema patterns at any depth and leaves example data alone', () => {
    const flagged = asWrittenByTheGenerator(/^[0-9]+$/u);
    const document = {
      paths: { '/x': { get: { parameters: [{ schema: { type: 'string', pattern: flagged } }] } } },
      schema: { properties: { pattern: { type: 'string', pattern: flagged } }, example: { pattern: flagged } },
    };
    expect(repairFlaggedPatterns(document)).toEqual({
      paths: { '/x': { get: { parameters: [{ schema: { type: 'string', pattern: '^[0-9]+$' } }] } } },
      schema: { properties: { pattern: { type: 'string', pattern: '^[0-9]+$' } }, example: { pattern: flagged } },
    });
  });
});
