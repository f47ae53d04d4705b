import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors';
import { decodeContinuation, encodeContinuation } from '../../../shared/features/inventory/inventoryContinuation';
import { nextLinkOf } from '../../../shared/platform/http/paging';

describe('inventory continuation', () => {
  it('round-trips the table token opaquely', () => {
    const token = 'eyJuZXh0UGFydGl0aW9uS2V5IjoiMSJ9';
    const encoded = encodeContinuation(token);
    expect(encoded).not.toContain(token);
    expect(decodeContinuation(encoded)).toBe(token);
  });

  it.each([
    '',
    'garbage',
    Buffer.from('{"v":2,"t":"x"}').toString('base64url'),
    Buffer.from('{"v":1,"t":""}').toString('base64url'),
  ])('rejects %j as a validation error', (value) => {
    expect(() => decodeContinuation(value)).toThrow(ValidationError);
  });

  it('builds an absolute nextLink that keeps the filters and replaces the previous token', () => {
    const link = nextLinkOf(
      'https://fleet.example/api/clusters?location=eastus&tag=env%3Aprod&continuationToken=old',
      { continuationToken: 'new+/=' },
    );
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe('https://fleet.example/api/clusters');
    expect(url.searchParams.get('location')).toBe('eastus');
    expect(url.searchParams.get('tag')).toBe('env:prod');
    expect(url.searchParams.getAll('continuationToken')).toEqual(['new+/=']);
  });
});
