import { HttpRequest } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError, ValidationError } from '../../shared/domain/errors';
import { MAX_REQUEST_BODY_BYTES, readBodyText, refuseDeclaredOversizedBody } from '../../shared/platform/http/requestBody';

function request(body: Uint8Array | string, headers: Record<string, string> = {}): HttpRequest {
  return new HttpRequest({
    method: 'PUT',
    url: 'http://127.0.0.1/api/guardrails',
    headers,
    body: typeof body === 'string' ? { string: body } : { bytes: body },
  });
}

describe('request body cap (§5.8 W7, body half)', () => {
  it('refuses a declared Content-Length over 1 MiB before reading anything', () => {
    const declared = request('{}', { 'content-length': String(MAX_REQUEST_BODY_BYTES + 1) });
    expect(() => refuseDeclaredOversizedBody(declared)).toThrow(PayloadTooLargeError);
    expect(declared.bodyUsed).toBe(false);
  });

  it('counts the bytes of a body without Content-Length while reading it, and stops past the cap', async () => {
    const chunked = request(new Uint8Array(MAX_REQUEST_BODY_BYTES + 1).fill(0x20), { 'transfer-encoding': 'chunked' });
    await expect(readBodyText(chunked)).rejects.toBeInstanceOf(PayloadTooLargeError);
  });

  it('reads a body of exactly 1 MiB', async () => {
    const text = `"${'a'.repeat(MAX_REQUEST_BODY_BYTES - 2)}"`;
    expect(await readBodyText(request(text))).toBe(text);
  });

  it('refuses bytes that are not UTF-8 instead of replacing them', async () => {
    const error = await readBodyText(request(new Uint8Array([0x7b, 0xff, 0x7d]))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
  });

  it('decodes multi-byte characters split across chunks', async () => {
    expect(await readBodyText(request('{"tag":"größe ✓ 𝔘"}'))).toBe('{"tag":"größe ✓ 𝔘"}');
  });
});
