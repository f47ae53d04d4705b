import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  kqlDateTime,
  kqlInteger,
  kqlString,
  kqlStringList,
  kqlTimespan,
  unsafeCharacterIn,
  UnsafeKqlValueError,
} from '../../../shared/domain/logs/kqlLiterals';
import { parseKql } from './support/parsedKql';

/** `print` of one literal: the parser must see exactly one string literal holding exactly `value`. */
function printedString(value: string) {
  return parseKql(`print x = ${kqlString(value)}`);
}

const ADVERSARIAL = [
  '',
  'plain',
  '"',
  "'",
  '\\',
  '\\"',
  '" | take 1000000 | where "" == "',
  '") | union AKSAudit | where ("',
  "' or 1 == 1 or '",
  'a|b',
  'line1\nline2',
  'tab\there',
  'cr\rlf\n',
  '// comment',
  '/* not a comment */',
  '@"verbatim"',
  "h'hidden'",
  '```multi```',
  '\\n literally',
  'trailing backslash\\',
  'émoji 😀 日本語 עברית',
  '\u202e right-to-left override',
  '\u00a0nbsp and \ufeff bom',
  '{"json": ["dynamic", 1]}',
  'datetime(2024-01-01)',
  '${x}',
  ';',
];

describe('kqlString', () => {
  it.each(ADVERSARIAL)('carries %j as exactly one string literal with that value', (value) => {
    const parsed = printedString(value);
    expect(parsed.operators).toEqual(['PrintOperator']);
    expect(parsed.strings).toEqual([value]);
  });

  it('carries any text without unsafe characters exactly (property)', () => {
    const safeText = fc.string({ unit: 'binary', maxLength: 40 }).filter((text) => unsafeCharacterIn(text) === undefined);
    fc.assert(
      fc.property(safeText, (value) => {
        const parsed = printedString(value);
        expect(parsed.operators).toEqual(['PrintOperator']);
        expect(parsed.strings).toEqual([value]);
      }),
      { numRuns: 300 },
    );
  });

  it.each(['\u0000', 'a\u0007b', '\u001b[31m', '\u007f', '\u0085', '\u2028', '\u2029', '\ud800', 'x\udc00'])(
    'refuses %j, which has no documented escape',
    (value) => {
      expect(unsafeCharacterIn(value)).toBeDefined();
      expect(() => kqlString(value)).toThrow(UnsafeKqlValueError);
    },
  );

  it('accepts a surrogate pair (one code point) and names the refused character', () => {
    expect(unsafeCharacterIn('😀')).toBeUndefined();
    expect(() => kqlString('a\u001bb')).toThrow('U+001B');
  });
});

describe('other literals', () => {
  it('builds a list of string literals for `in`', () => {
    const parsed = parseKql(`print x = "a" in ${kqlStringList(['a', '"b"', 'c|d'])}`);
    expect(parsed.strings).toEqual(['a', 'a', '"b"', 'c|d']);
    expect(() => kqlStringList([])).toThrow(RangeError);
  });

  it('builds datetime, timespan and integer literals the parser reads as such', () => {
    const query = `print a = ${kqlDateTime(new Date('2024-05-01T12:34:56.789Z'))}, b = ${kqlTimespan(90_000)}, c = ${kqlInteger(1000)}`;
    expect(query).toBe('print a = datetime(2024-05-01T12:34:56.789Z), b = 90000ms, c = 1000');
    expect(parseKql(query).literalKinds).toEqual(['DateTimeLiteralExpression', 'TimespanLiteralExpression', 'LongLiteralExpression']);
  });

  it('refuses values that are not what the literal can hold', () => {
    expect(() => kqlDateTime(new Date('nope'))).toThrow(RangeError);
    expect(() => kqlTimespan(-1)).toThrow(RangeError);
    expect(() => kqlTimespan(1.5)).toThrow(RangeError);
    expect(() => kqlInteger(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => kqlInteger(Number.NaN)).toThrow(RangeError);
  });
});
