import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/domain/errors';
import { MAX_JSON_DEPTH, MAX_JSON_MEMBERS, parseStrictJson } from '../../shared/platform/http/strictJson';

function refusalCode(text: string): string | undefined {
  try {
    parseStrictJson(text);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues[0]?.code;
  }
}

/** Whether an object anywhere in the value has a `__proto__` key, or a `constructor` object with `prototype`. */
function hasPrototypeKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasPrototypeKey);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(
    ([key, item]) =>
      key === '__proto__' || (key === 'constructor' && item !== null && typeof item === 'object' && 'prototype' in item) || hasPrototypeKey(item),
  );
}

describe('strict JSON bodies (§5.8 I5, I6)', () => {
  it('parses every ordinary JSON document exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        // fast-check generates `__proto__` and `constructor` keys on purpose; those are refused (cases below).
        fc.pre(!hasPrototypeKey(value));
        const text = JSON.stringify(value);
        expect(parseStrictJson(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['malformed JSON', '{"location": "eastus",}', 'invalid_json'],
    ['a duplicate spelled with an escape', '{"a":1,"\\u0061":2}', 'duplicate_key'],
    ['duplicate keys', '{"location":"eastus","location":"westus"}', 'duplicate_key'],
    ['duplicate keys in a nested object', '{"network":{"plugin":"azure","plugin":"kubenet"}}', 'duplicate_key'],
    ['__proto__', '{"__proto__":{"polluted":true}}', 'forbidden_key'],
    ['escaped __proto__', '{"tags":{"\\u005f_proto__":"x"}}', 'forbidden_key'],
    ['constructor.prototype', '{"constructor":{"prototype":{"polluted":true}}}', 'forbidden_key'],
    ['1e400', '{"count":1e400}', 'number_out_of_range'],
    ['-1e400', '[-1e400]', 'number_out_of_range'],
    ['10k nesting', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, 'too_deep'],
    ['one level too deep', `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`, 'too_deep'],
    ['a huge array', `[${'1,'.repeat(200_000)}1]`, 'too_many_members'],
    ['a huge object', `{${Array.from({ length: MAX_JSON_MEMBERS + 1 }, (_, i) => `"k${i}":1`).join(',')}}`, 'too_many_members'],
  ])('refuses %s', (_label, text, code) => {
    expect(refusalCode(text)).toBe(code);
  });

  it.each([
    ['keys that only look alike', '{"a":1,"A":2,"a ":3}'],
    ['a constructor tag (a plain string value)', '{"tags":{"constructor":"x","prototype":"y"}}'],
    ['the same key in sibling objects', '[{"name":"a"},{"name":"b"}]'],
    ['strings full of brackets and quotes', '{"a":"{[\\"}]","b":"\\\\"}'],
    ['exactly the depth limit', `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`],
    ['exactly the member limit', `[${Array(MAX_JSON_MEMBERS).fill(0).join(',')}]`],
    ['1e308 and tiny numbers', '[1e308,-1e308,1e-400,0.5,-0]'],
  ])('accepts %s', (_label, text) => {
    expect(parseStrictJson(text)).toEqual(JSON.parse(text));
  });

  it('leaves Object.prototype alone', () => {
    expect(() => parseStrictJson('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')).toThrow(ValidationError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts a wide body of nested objects up to the limits', () => {
    const nested = `${'{"a":'.repeat(20)}1${'}'.repeat(20)}`;
    expect(parseStrictJson(`[${Array(MAX_JSON_MEMBERS).fill(nested).join(',')}]`)).toHaveLength(MAX_JSON_MEMBERS);
  });
});
