import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ConflictError,
  DependencyRejectedError,
  DependencyUnavailableError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../../shared/domain/errors';
import { correlationIdFrom } from '../../../shared/http/correlation';
import { errorToProblem } from '../../../shared/http/errorToProblem';
import { formatPath, parseOrThrow } from '../../../shared/http/validation';
import { redact } from '../../../shared/observability/redact';

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

  it('maps authentication errors to 401 with WWW-Authenticate', () => {
    const error = Object.assign(new Error('token expired'), { name: 'AuthenticationError', reason: 'expired' });
    const mapped = errorToProblem(error);
    expect(mapped.body.status).toBe(401);
    expect(mapped.headers['www-authenticate']).toMatch(/^Bearer /);
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
});
