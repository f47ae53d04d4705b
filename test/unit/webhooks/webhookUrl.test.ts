import { describe, expect, it } from 'vitest';
import { checkWebhookUrl } from '../../../shared/domain/webhooks';

const AZURE = { allowLoopback: false };
const LOCAL = { allowLoopback: true };

function refusal(url: string, policy = AZURE): string | undefined {
  const check = checkWebhookUrl(url, policy);
  return check.ok ? undefined : check.message;
}

describe('checkWebhookUrl (shape, scheme and literal addresses)', () => {
  it('accepts an https URL with a host name', () => {
    expect(checkWebhookUrl('https://hooks.example.com/fleet?x=1', AZURE)).toMatchObject({ ok: true, host: 'hooks.example.com', isIpLiteral: false });
  });

  it.each([
    ['https://169.254.169.254/metadata', 'url points at a forbidden address (the cloud metadata endpoint)'],
    ['https://[::ffff:10.0.0.1]/', 'url points at a forbidden address (IPv4-mapped IPv6)'],
    ['https://0x7f.1/', 'url points at a forbidden address (loopback)'],
    ['https://2130706433/', 'url points at a forbidden address (loopback)'],
    ['https://localhost/', 'url points at a forbidden address (loopback)'],
    ['http://hooks.example.com/', 'url must use https (http only to loopback in local mode)'],
    ['http://127.0.0.1:8080/', 'url must use https (http only to loopback in local mode)'],
    ['ftp://hooks.example.com/', 'url must use https'],
    ['https://user:pw@hooks.example.com/', 'url must not carry credentials'],
    ['https://hooks.example.com/#x', 'url must not have a fragment'],
    ['hooks.example.com', 'url must be an absolute https URL'],
  ])('refuses %s in azure mode', (url, message) => {
    expect(refusal(url)).toBe(message);
    expect(checkWebhookUrl(url, AZURE)).toMatchObject({ ok: false, code: message.includes('forbidden address') ? 'forbidden_address' : 'invalid_url' });
  });

  it.each([
    'https://127.1/',
    'https://2130706433/',
    'https://[::ffff:7f00:1]/',
    'https://0/',
    'https://168.63.129.16/',
    'https://10.0.0.5/',
    'https://localhost/',
    'https://app.localhost/',
  ])('O3: refuses %s at registration (every spelling of an internal address)', (url) => {
    expect(refusal(url)).toMatch(/^url points at a forbidden address/);
  });

  it('O3: refuses credentials in the URL (user@host)', () => {
    expect(refusal('https://user@hooks.example.com/')).toBe('url must not carry credentials');
  });

  it('local mode allows http and https to loopback, and nothing else over http', () => {
    expect(refusal('http://127.0.0.1:8080/hook', LOCAL)).toBeUndefined();
    expect(refusal('http://localhost:8080/hook', LOCAL)).toBeUndefined();
    expect(refusal('https://[::1]:8443/hook', LOCAL)).toBeUndefined();
    expect(refusal('http://hooks.example.com/', LOCAL)).toBe('url must use https (http only to loopback in local mode)');
    expect(refusal('https://169.254.169.254/', LOCAL)).toBe('url points at a forbidden address (the cloud metadata endpoint)');
  });

  it('bounds the length', () => {
    expect(refusal(`https://hooks.example.com/${'a'.repeat(2100)}`)).toBe('url must be at most 2048 characters');
  });
});
