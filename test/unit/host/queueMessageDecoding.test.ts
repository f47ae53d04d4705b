import { describe, expect, it } from 'vitest';
import { asWorkerValue, decodeMessageText } from '../../../local/host/queues/queueMessageDecoding';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('queue message decoding', () => {
  it('reads base64 text as UTF-8', () => {
    expect(decodeMessageText(base64('héllo {"a":1}'), 'base64')).toEqual({
      decoded: true,
      text: 'héllo {"a":1}',
    });
    expect(decodeMessageText('', 'base64')).toEqual({ decoded: true, text: '' });
  });

  it('ignores whitespace inside base64, as .NET does', () => {
    expect(decodeMessageText(' aGVs\r\nbG8= ', 'base64')).toEqual({ decoded: true, text: 'hello' });
  });

  it.each(['hello world', 'aGVsbG8', 'aGVsbG8=x', 'a===', '{"a":1}', 'aGV$bG8='])(
    'finds %j undecodable as base64',
    (raw) => {
      expect(decodeMessageText(raw, 'base64')).toEqual({ decoded: false });
    },
  );

  it('takes the stored text as is with encoding none', () => {
    expect(decodeMessageText('hello world', 'none')).toEqual({ decoded: true, text: 'hello world' });
    expect(decodeMessageText('aGVsbG8=', 'none')).toEqual({ decoded: true, text: 'aGVsbG8=' });
  });
});

describe('the value the Node worker hands to the function', () => {
  it.each([
    ['{"a":1,"b":[true]}', { a: 1, b: [true] }],
    ['[1,2]', [1, 2]],
    ['42', 42],
    ['true', true],
    ['null', null],
    ['"quoted"', 'quoted'],
    ['hello', 'hello'],
    ['{"broken":', '{"broken":'],
    ['', ''],
  ])('%j → %j', (text, value) => {
    expect(asWorkerValue(text)).toEqual(value);
  });
});
