import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../../shared/platform/observability/redact';
import { FORBIDDEN_IN_LOGS } from './support/forbiddenInLogs';

/** Azurite's well-known development account key (public, but still a key: it must never be logged). */
const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJvaWQiOiJhYmMiLCJ0aWQiOiJ0In0.c2lnbmF0dXJlLXZhbHVlLXNlY3JldA';
const PRINCIPAL = Buffer.from(JSON.stringify({ auth_typ: 'aad', claims: [{ typ: 'oid', val: 'x' }] })).toString('base64');


// Every secret shape the product handles: [name, text holding it, the secret part that must disappear].
const SHAPES: [string, string, string][] = [
  ['a JWT in prose', `token was ${JWT} yesterday`, 'c2lnbmF0dXJlLXZhbHVlLXNlY3JldA'],
  ['a bearer header', `Authorization: Bearer ${JWT}`, JWT],
  ['an opaque bearer token', 'authorization=Bearer abc.def-ghi~jkl', 'abc.def-ghi~jkl'],
  ['a blob SAS URL', 'GET https://acct.blob.core.windows.net/c/b?sv=2024-11-04&se=2026-01-01&sp=r&sig=AbCdEf%2Bg%3D&x=1', 'AbCdEf%2Bg%3D'],
  ['a SAS in a connection string', 'BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=sv=2024-11-04&ss=b&sig=ZZtopSecret', 'ZZtopSecret'],
  ['a Service Bus SAS header', 'SharedAccessSignature sr=sb%3A%2F%2Fns&sig=S1gnatur3&se=1700000000&skn=send', 'S1gnatur3'],
  ['a storage connection string', `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${AZURITE_KEY};EndpointSuffix=core.windows.net`, 'Eby8vdM02xNOcqFl'],
  ['Azurite dev key, bare', `key is ${AZURITE_KEY}`, 'Eby8vdM02xNOcqFl'],
  ['an Event Hubs key', 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=k3yV4lue+/=', 'k3yV4lue'],
  ['a function key in a URL', 'https://app.azurewebsites.net/api/health?code=FuncK3y-abc==&clientId=x', 'FuncK3y-abc'],
  ['an OAuth authorization code', 'redirect to https://app/cb?code=0.AXoA_authcode-123&state=s', '0.AXoA_authcode-123'],
  ['a webhook secret', 'secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw rotated', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
  ['a client principal header', `x-ms-client-principal: ${PRINCIPAL}`, PRINCIPAL],
  ['a client principal, bare base64', `principal ${PRINCIPAL}`, PRINCIPAL],
  ['a client principal in JSON text', `{"x-ms-client-principal":"${PRINCIPAL}"}`, PRINCIPAL],
  ['client_secret in a form body', 'grant_type=client_credentials&client_id=abc&client_secret=Zx8Q~secretvalue&scope=x', 'Zx8Q~secretvalue'],
  ['client_secret in JSON text', '{"client_id":"abc","client_secret":"Zx8Q~secret value"}', 'Zx8Q~secret value'],
  ['a refresh token in a form body', 'grant_type=refresh_token&refresh_token=1.AXoA-refresh.token_value', '1.AXoA-refresh.token_value'],
  ['a refresh token in JSON text', '{"refresh_token": "0.AXoA-refresh-json"}', '0.AXoA-refresh-json'],
  ['a password in JSON text', '{"password":"hunter2!"}', 'hunter2!'],
];

describe('redaction of every secret shape the product handles', () => {
  it.each(SHAPES)('%s', (_name, text, secret) => {
    const out = redact(text);
    expect(out).not.toContain(secret);
    for (const word of FORBIDDEN_IN_LOGS) expect(out).not.toContain(word);
  });

  it('redacts by key name, including header names that are secrets themselves', () => {
    const out = JSON.stringify(
      redact({
        headers: { authorization: 'opaque', 'x-ms-client-principal': 'opaque-principal', cookie: 'c' },
        clientSecret: 's3cr3t',
        accountKey: 'k',
        sasSig: 'x',
        refreshToken: 'r',
        code: 'NotFound',
      }),
    );
    for (const secret of ['opaque', 's3cr3t', '"k"', '"x"', '"r"']) expect(out).not.toContain(secret);
    expect(out).not.toContain('x-ms-client-principal');
    expect(out).toContain('NotFound');
  });

  it('keeps ordinary text as it is', () => {
    const text = 'GET /api/clusters?limit=10&errorcode=5 answered 404 (ResourceNotFound) for statusCode=404 in 12 ms';
    expect(redact(text)).toBe(text);
  });

  it('stays linear on hostile input (no catastrophic backtracking)', () => {
    const hostile = ['eyJ' + 'a'.repeat(50_000), 'x-ms-client-principal' + ' '.repeat(50_000), 'code='.repeat(20_000), 'A'.repeat(100_000)];
    const started = performance.now();
    for (const text of hostile) redact(text);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

/** A secret value: long enough that random text cannot contain it by chance. */
const secretValue = fc.stringMatching(/^[A-Za-z0-9]{20,40}$/);
const base64Value = fc.uint8Array({ minLength: 16, maxLength: 48 }).map((bytes) => Buffer.from(bytes).toString('base64url'));

/** Shapes with the secret embedded: [text of the secret, the part that must not survive]. */
const embeddedSecret = fc.oneof(
  fc.tuple(base64Value, base64Value).map(([payload, signature]) => [`eyJhbGciOiJSUzI1NiJ9.eyJ${payload}.${signature}`, `eyJ${payload}`]),
  secretValue.map((s) => [`Bearer ${s}`, s]),
  secretValue.map((s) => [`https://a.blob.core.windows.net/c?sv=2024-11-04&sig=${s}&sp=r`, s]),
  secretValue.map((s) => [`SharedAccessSignature sr=x&sig=${s}&se=1`, s]),
  secretValue.map((s) => [`AccountName=a;AccountKey=${s};`, s]),
  secretValue.map((s) => [`https://app/api/x?code=${s}`, s]),
  secretValue.map((s) => [`whsec_${s}`, s]),
  fc.uint8Array({ minLength: 64, maxLength: 64 }).map((bytes) => {
    const key = Buffer.from(bytes).toString('base64');
    return [key, key];
  }),
  secretValue.map((s) => {
    const principal = Buffer.from(JSON.stringify({ auth_typ: 'aad', claims: [{ typ: 'oid', val: s }] })).toString('base64');
    return [`x-ms-client-principal: ${principal}`, principal];
  }),
  secretValue.map((s) => [`client_secret=${s}&scope=x`, s]),
  secretValue.map((s) => [`{"client_secret":"${s}"}`, s]),
  secretValue.map((s) => [`refresh_token=${s}`, s]),
);
/** Random text around it, split from the secret by whitespace or punctuation as in logs, URLs and JSON. */
const separator = fc.constantFrom(' ', '\n', '\t', ', ', '; ', '"', "'", '(', ': ');

describe('redaction property', () => {
  it('a secret embedded anywhere in random text is never in the output', () => {
    fc.assert(
      fc.property(fc.string(), separator, embeddedSecret, separator, fc.string(), (before, open, [text, secret], close, after) => {
        const out = redact(`${before}${open}${text}${close}${after}`);
        expect(out).not.toContain(secret);
      }),
      { numRuns: 2_000 },
    );
  });

  it('also inside objects and arrays, under any key', () => {
    fc.assert(
      fc.property(fc.string(), embeddedSecret, (key, [text, secret]) => {
        const out = JSON.stringify(redact({ [key]: [{ note: `seen ${text} here` }] }));
        expect(out).not.toContain(secret);
      }),
      { numRuns: 500 },
    );
  });
});
