import type { HttpRequest } from '@azure/functions';
import { PayloadTooLargeError, ValidationError } from '../../domain/errors';

/**
 * The API's own cap on a request body. The Functions host accepts up to 100 MB (and the local host as
 * much), so without it one request could make the app buffer and parse that much.
 */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

function tooLarge(limitBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`The request body exceeds ${limitBytes} bytes.`, limitBytes);
}

/** Refuses, before anything is read, a body whose declared Content-Length is over the cap. */
export function refuseDeclaredOversizedBody(request: HttpRequest, limitBytes = MAX_REQUEST_BODY_BYTES): void {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limitBytes) throw tooLarge(limitBytes);
}

/**
 * The body as UTF-8 text, counted as it is read: a chunked body (no Content-Length) is cut off as soon as it
 * passes the cap. Bytes that are not UTF-8 are refused rather than replaced.
 */
export async function readBodyText(request: HttpRequest, limitBytes = MAX_REQUEST_BODY_BYTES): Promise<string> {
  refuseDeclaredOversizedBody(request, limitBytes);
  if (!request.body) return '';
  const reader = (request.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let received = 0;
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      received += value.byteLength;
      if (received > limitBytes) {
        await reader.cancel();
        throw tooLarge(limitBytes);
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    if (error instanceof TypeError) {
      throw new ValidationError('The request body is not UTF-8.', [{ path: '', code: 'invalid_encoding', message: 'The body must be UTF-8 JSON.' }]);
    }
    throw error;
  } finally {
    reader.releaseLock();
  }
}
