import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { DependencyRejectedError, DependencyUnavailableError } from '../../../shared/domain/errors';
import { translateLogsError } from '../../../shared/platform/monitor/logsErrors';
import { translateMetricsError } from '../../../shared/platform/monitor/metricsErrors';

function restError(status: number, body: unknown, headers: Record<string, string> = {}): RestError {
  const request = createPipelineRequest({ url: 'https://api.loganalytics.io/v1/workspaces/w/query' });
  return new RestError('failed', {
    statusCode: status,
    request,
    response: { status, headers: createHttpHeaders(headers), request, bodyAsText: JSON.stringify(body) },
  });
}

describe('translateLogsError', () => {
  it('makes throttling "retry later" with the service\'s Retry-After', () => {
    const translated = translateLogsError(restError(429, {}, { 'retry-after': '17' }));
    expect(translated).toBeInstanceOf(DependencyUnavailableError);
    expect(translated).toMatchObject({ retryAfterSeconds: 17, dependency: 'Log Analytics' });
  });

  it('makes a 403 (Fleetplane lacks access to the workspace) a rejection keeping its code', () => {
    const error = Object.assign(restError(403, {}), { code: 'InsufficientAccessError', details: { error: { code: 'InsufficientAccessError', message: 'no access' } } });
    expect(translateLogsError(error)).toEqual(new DependencyRejectedError('Log Analytics', 403, 'InsufficientAccessError', 'no access'));
  });

  it('treats a failure to get a token as unavailable, not as the caller\'s fault', () => {
    const error = Object.assign(new Error('no identity'), { name: 'CredentialUnavailableError' });
    expect(translateLogsError(error)).toBeInstanceOf(DependencyUnavailableError);
  });
});

describe('translateMetricsError (same rules, the metrics API\'s own code)', () => {
  it('makes a 503 "retry later" with the service\'s Retry-After', () => {
    expect(translateMetricsError(restError(503, {}, { 'retry-after': '9' }))).toMatchObject({ retryAfterSeconds: 9, dependency: 'Azure Monitor metrics' });
  });

  it('keeps the code of a refused query', () => {
    const error = Object.assign(restError(400, {}), { code: 'BadRequest' });
    expect(translateMetricsError(error)).toEqual(new DependencyRejectedError('Azure Monitor metrics', 400, 'BadRequest', 'failed'));
  });

  it('treats no answer at all as unavailable', () => {
    expect(translateMetricsError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBeInstanceOf(DependencyUnavailableError);
  });
});
