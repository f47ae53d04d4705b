import type { QueueHostOptions } from './queueHostOptions';

export type DecodedMessage = { decoded: true; text: string } | { decoded: false };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The message text as the function sees it. With `base64` (the default) the stored text must be strict
 * base64 (as .NET's Convert.FromBase64String: whitespace ignored, length a multiple of 4); anything else is
 * undecodable, and the extension moves such a message to the poison queue without running the function.
 * The bytes are read as UTF-8.
 */
export function decodeMessageText(
  raw: string,
  encoding: QueueHostOptions['messageEncoding'],
): DecodedMessage {
  if (encoding === 'none') return { decoded: true, text: raw };
  const compact = raw.replace(/[ \t\r\n]/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return { decoded: false };
  return { decoded: true, text: Buffer.from(compact, 'base64').toString('utf8') };
}

/**
 * What the Node worker hands over for text it receives: the host sends the message as a string, and
 * `@azure/functions` parses any string that is valid JSON — so `{"a":1}` arrives as an object, `42` as a
 * number, `true` as a boolean — and passes everything else through as the string.
 */
export function asWorkerValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
