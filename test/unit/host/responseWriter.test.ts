import { HttpResponse } from '@azure/functions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { libraryResponse, plainJsonResponse } from '../../../local/host/responseWriter';

/** The direct route must produce exactly what the library's conversion (the Node worker's) produces. */
async function expectSameAsLibrary(result: unknown): Promise<void> {
  const direct = plainJsonResponse(result);
  expect(direct).toBeDefined();
  const library = await libraryResponse(result);
  expect(direct!.status).toBe(library.status);
  expect(direct!.headers).toEqual(library.headers);
  expect(direct!.body.equals(library.body)).toBe(true);
}

describe('plain JSON results take the direct route with the library\'s bytes', () => {
  it.each([
    ['a bare jsonBody', { jsonBody: { a: 1 } }],
    ['status and headers', { status: 201, jsonBody: [1, 'two'], headers: { ETag: '"abc"', 'X-Correlation-Id': 'c1' } }],
    ['an explicit content type wins', { status: 400, jsonBody: { type: 'about:blank' }, headers: { 'Content-Type': 'application/problem+json' } }],
    ['header values are trimmed', { jsonBody: 'text', headers: { 'retry-after': ' 5\t' } }],
    ['falsy JSON bodies', { jsonBody: 0 }],
    ['false', { jsonBody: false }],
    ['unicode', { jsonBody: { name: 'clüster ☸' } }],
    ['status 599', { status: 599, jsonBody: {} }],
  ])('%s', async (_name, result) => {
    await expectSameAsLibrary(result);
  });

  it('holds for any JSON body, status and header casing', async () => {
    const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
    const headerValue = fc.stringMatching(/^[ \t]?[!-~]{0,20}[ \t]?$/);
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue().filter((value) => value !== null),
        fc.integer({ min: 200, max: 599 }).filter((status) => ![204, 205, 304].includes(status)),
        fc.uniqueArray(fc.tuple(headerName, headerValue), { selector: ([name]) => name.toLowerCase(), maxLength: 5 }),
        async (jsonBody, status, headerPairs) => {
          await expectSameAsLibrary({ status, jsonBody, headers: Object.fromEntries(headerPairs) });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('anything else goes through the library', () => {
  it.each([
    ['an HttpResponse', new HttpResponse({ jsonBody: {} })],
    ['a text body', { body: 'hello' }],
    ['both body and jsonBody', { body: 'x', jsonBody: {} }],
    ['cookies', { jsonBody: {}, cookies: [{ name: 'a', value: 'b' }] }],
    ['a null-body status', { status: 204, jsonBody: {} }],
    ['a status outside 200-599', { status: 101, jsonBody: {} }],
    ['a fractional status', { status: 200.5, jsonBody: {} }],
    ['Headers', { jsonBody: {}, headers: new Headers({ a: 'b' }) }],
    ['header tuples', { jsonBody: {}, headers: [['a', 'b']] }],
    ['names differing only in case', { jsonBody: {}, headers: { 'X-A': '1', 'x-a': '2' } }],
    ['a non-string header value', { jsonBody: {}, headers: { 'x-count': 3 } }],
    ['a null jsonBody', { jsonBody: null }],
    ['no body', { status: 202 }],
    ['not an object', 'text'],
    ['undefined', undefined],
  ])('%s', (_name, result) => {
    expect(plainJsonResponse(result)).toBeUndefined();
  });

  it('the library route keeps cookies and text bodies', async () => {
    const wire = await libraryResponse({ body: 'hi', cookies: [{ name: 'a', value: 'b', httpOnly: true, path: '/' }] });
    expect(wire.status).toBe(200);
    expect(wire.headers['set-cookie']).toEqual(['a=b; Path=/; HttpOnly']);
    expect(wire.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(wire.body.toString()).toBe('hi');
  });
});
