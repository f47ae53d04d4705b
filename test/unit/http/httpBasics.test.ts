import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ConflictError,
  DependencyRejectedError,
  DependencyUnavailableError,
  NotFoundError,
  PreconditionFailedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../../shared/domain/errors';
import { translateArmError } from '../../../shared/platform/arm/armErrors';
import { AuthenticationError } from '../../../shared/domain/access/errors';
import { correlationIdFrom } from '../../../shared/platform/http/correlation';
import { publicUrl } from '../../../shared/platform/http/publicUrl';
import { errorToProblem } from '../../../shared/platform/http/errorToProblem';
import { formatPath, parseOrThrow } from '../../../shared/platform/http/validation';
import { redact } from '../../../shared/platform/observability/redact';

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

describe('correlation ids', () => {
  it.each([
    [{ 'x-correlation-id': 'abc' }, 'abc'],
    [{ 'x-correlation-id': 'bad id with spaces', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }, '4bf92f3577b34da6a3ce929d0e0e4736'],
  ])('%j → %s', (given, expected) => {
    expect(correlationIdFrom(headers(given))).toBe(expected);
  });

  it('ignores an all-zero trace id and oversized ids', () => {
    const id = correlationIdFrom(
      headers({ 'x-correlation-id': 'x'.repeat(300), traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` }),
    );
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('errors to problem+json', () => {
  it.each([
    [new ValidationError('bad', [{ path: 'a', code: 'x', message: 'm' }]), 400],
    [new NotFoundError('Cluster'), 404],
    [new ConflictError('busy'), 409],
    [new PreconditionFailedError(), 412],
    [new DependencyUnavailableError('ARM', 'throttled', 7), 503],
    [new DependencyRejectedError('ARM', 400, 'AzureCNIOnlyForWindows', 'Windows agent pools can only be added to AKS clusters using Azure-CNI.'), 400],
    [new Error('secret internals'), 500],
  ])('%s → %i', (error, status) => {
    const mapped = errorToProblem(error);
    expect(mapped.body.status).toBe(status);
    expect(mapped.body.type).toMatch(/^https:\/\//);
    expect(JSON.stringify(mapped.body)).not.toContain('secret internals');
  });

  it('keeps the dependency code and sets Retry-After on 503', () => {
    expect(errorToProblem(new DependencyUnavailableError('ARM', 'throttled', 7)).headers).toEqual({ 'retry-after': '7' });
    expect(errorToProblem(new DependencyRejectedError('ARM', 400, 'WindowsProfileMissing', 'm')).body.code).toBe(
      'WindowsProfileMissing',
    );
  });

  it('maps the caller\'s authentication errors to 401 with WWW-Authenticate', () => {
    const mapped = errorToProblem(new AuthenticationError('expired', 'the token has expired'));
    expect(mapped.body.status).toBe(401);
    expect(mapped.body.code).toBe('expired');
    expect(mapped.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(errorToProblem(new AuthenticationError('key_source_unavailable', 'down')).body.status).toBe(503);
  });

  it('does not mistake our own credential failures (same error name in @azure/identity) for the caller\'s', () => {
    const ownCredential = Object.assign(new Error('AADSTS700016 tenant 1234'), { name: 'AuthenticationError', statusCode: 400 });
    expect(errorToProblem(ownCredential).body.status).toBe(500);
    expect(JSON.stringify(errorToProblem(ownCredential).body)).not.toContain('AADSTS');
    const viaArm = translateArmError(ownCredential);
    expect(errorToProblem(viaArm).body.status).toBe(503);
  });

  it('maps ARM refusing our own identity to 502, not to the caller', () => {
    const forbidden = Object.assign(new Error('no'), { statusCode: 403, code: 'AuthorizationFailed' });
    expect(errorToProblem(translateArmError(forbidden)).body.status).toBe(502);
  });

  it('maps an unreachable ARM to 503, keeps a policy denial as the caller\'s 403, and keeps 404 codes', () => {
    const network = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(errorToProblem(translateArmError(network)).body.status).toBe(503);
    const policy = Object.assign(new Error('denied'), {
      statusCode: 403,
      code: 'RequestDisallowedByPolicy',
      details: { error: { code: 'RequestDisallowedByPolicy', message: 'Resource was disallowed by policy.' } },
    });
    expect(errorToProblem(translateArmError(policy)).body).toMatchObject({ status: 403, code: 'RequestDisallowedByPolicy' });
    const missingGroup = Object.assign(new Error('x'), { statusCode: 404, code: 'ResourceGroupNotFound' });
    expect(errorToProblem(translateArmError(missingGroup)).body).toMatchObject({ status: 404, code: 'ResourceGroupNotFound' });
  });

  it('builds public links from the configured base URL, else from the request origin', () => {
    expect(publicUrl('http://fn.azurewebsites.net/api/x', '/api/operations/1', 'https://api.contoso.com/fleet')).toBe(
      'https://api.contoso.com/fleet/api/operations/1',
    );
    expect(publicUrl('http://127.0.0.1:7071/api/x?a=1', 'api/operations/1', undefined)).toBe('http://127.0.0.1:7071/api/operations/1');
  });

  it('answers 415 for a non-JSON body', () => {
    expect(errorToProblem(new UnsupportedMediaTypeError('text/plain')).body.status).toBe(415);
  });
});

describe('validation', () => {
  it('formats field paths', () => {
    expect(formatPath(['nodePools', 1, 'vmSize'])).toBe('nodePools[1].vmSize');
    expect(formatPath([0, 'a'], 'body')).toBe('body[0].a');
  });

  it('reports every problem at once with its path', () => {
    const schema = z.object({ name: z.string(), pools: z.array(z.object({ count: z.number().int().min(1) })) });
    try {
      parseOrThrow(schema, { pools: [{ count: 1 }, { count: 0 }] }, 'body');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['name', 'pools[1].count']);
    }
  });
});

describe('redaction', () => {
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl';
  it('removes secrets by key and by shape', () => {
    const out = JSON.stringify(
      redact({
        authorization: `Bearer ${jwt}`,
        nested: { clientSecret: 's3cr3t', note: `token ${jwt} here`, conn: 'AccountName=a;AccountKey=abc123==;' },
        list: [`Bearer abc.def`],
      }),
    );
    expect(out).not.toContain('eyJ');
    expect(out).not.toContain('s3cr3t');
    expect(out).not.toContain('abc123');
    expect(out).not.toMatch(/Bearer [^[]/);
  });

  it('truncates deep objects instead of logging them unredacted', () => {
    let deep: Record<string, unknown> = { password: 'hunter2' };
    for (let i = 0; i < 12; i++) deep = { next: deep };
    expect(JSON.stringify(redact(deep))).not.toContain('hunter2');
  });
});
