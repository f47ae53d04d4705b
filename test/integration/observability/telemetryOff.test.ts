import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { describe, expect, it, vi } from 'vitest';
import { buildFleetplane } from '../../../shared/app';
import { activeTelemetry, startTelemetry } from '../../../shared/platform/observability/activeTelemetry';
import { testSettings } from '../../support/storage';
import { loadCompiledApp } from './support/compiledAppLoad';
import { loadedOpenTelemetryPackages, openTelemetryPackagesAmong } from './support/loadedModules';

// Before the imports run: shared/app.ts starts telemetry in its module scope when the setting is there.
vi.hoisted(() => delete process.env.APPLICATIONINSIGHTS_CONNECTION_STRING);

/** Points at a closed loopback port: nothing is sent during a module load anyway. */
const UNUSED_CONNECTION_STRING =
  'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://127.0.0.1:9';

describe('telemetry only with APPLICATIONINSIGHTS_CONNECTION_STRING', () => {
  it('without it, loading the compiled app as the worker does loads no OpenTelemetry package and registers no hook', async () => {
    const cold = await loadCompiledApp({});
    expect(cold.files.some((file) => file.endsWith('/dist/shared/app.js'))).toBe(true);
    expect(openTelemetryPackagesAmong(cold.files)).toEqual([]);
    expect(cold.hooks).toEqual([]);
  });

  it('with it, the same load starts the distro before the first invocation and registers the hooks the worker runs', async () => {
    const started = await loadCompiledApp({
      APPLICATIONINSIGHTS_CONNECTION_STRING: UNUSED_CONNECTION_STRING,
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
    });
    expect(openTelemetryPackagesAmong(started.files)).toEqual(
      expect.arrayContaining([
        '@azure/monitor-opentelemetry',
        '@azure/opentelemetry-instrumentation-azure-sdk',
        '@opentelemetry/sdk-logs',
      ]),
    );
    // preInvocation: the distro makes the host's trace context active; appTerminate: pending telemetry is flushed.
    expect([...started.hooks].sort()).toEqual(['appTerminate', 'preInvocation']);
  });

  it('without it, a request starts nothing and logs through the InvocationContext as before', async () => {
    const lines: unknown[] = [];
    const context = new InvocationContext({ logHandler: (_level, ...args) => lines.push(args[0]) });
    const request = new HttpRequest({ method: 'GET', url: 'http://127.0.0.1:7071/api/health/ready' });

    const response = (await buildFleetplane(testSettings()).health.http.getReadiness!(
      request,
      context,
    )) as HttpResponseInit;

    expect(response.status).toBe(200);
    expect(activeTelemetry()).toBeUndefined();
    expect(loadedOpenTelemetryPackages()).toEqual([]);
    expect(lines).toContainEqual(
      expect.objectContaining({ message: 'Request completed', operationId: 'getReadiness', status: 200 }),
    );
  });

  it('treats a blank connection string as none', () => {
    expect(startTelemetry({ connectionString: '  ' })).toBeUndefined();
    expect(startTelemetry({ connectionString: undefined })).toBeUndefined();
    expect(loadedOpenTelemetryPackages()).toEqual([]);
  });

  it('refuses a connection string without an instrumentation key, naming the setting, before loading anything', () => {
    expect(() => startTelemetry({ connectionString: 'IngestionEndpoint=https://example.invalid/' })).toThrow(
      'Invalid setting APPLICATIONINSIGHTS_CONNECTION_STRING: must contain InstrumentationKey=…',
    );
    expect(loadedOpenTelemetryPackages()).toEqual([]);
  });
});
