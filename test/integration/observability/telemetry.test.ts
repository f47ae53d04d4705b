import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  HttpRequest,
  InvocationContext,
  type HttpHandler,
  type HttpRequestInit,
  type HttpResponseInit,
} from '@azure/functions';
import { SpanKind } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import {
  InMemoryLogRecordExporter,
  SimpleLogRecordProcessor,
  type ReadableLogRecord,
} from '@opentelemetry/sdk-logs';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { RunningAksEmulator } from '../../../local/aks-emulator';
import { startDevIssuer, type RunningDevIssuer } from '../../../local/dev-issuer';
import {
  installFunctionsCoreShim,
  type CapturedApp,
  type FunctionCallback,
} from '../../../local/host/functionsCoreShim';
import { buildFleetplane, type Fleetplane } from '../../../shared/app';
import { startTelemetry, stopTelemetry } from '../../../shared/platform/observability/activeTelemetry';
import { invocationLogger } from '../../../shared/platform/observability/logger';
import { basicCluster, clusterPath, raw, startTestEmulator, SUB, withApi } from '../../emulator/harness';
import { testSettings } from '../../support/storage';
import { startFakeIngestion, type Envelope, type FakeIngestion } from './support/fakeIngestion';
import { loadedOpenTelemetryPackages } from './support/loadedModules';

// Before the imports run: with the setting in the environment, shared/app.ts would start telemetry without the test's exporters.
vi.hoisted(() => delete process.env.APPLICATIONINSIGHTS_CONNECTION_STRING);

const AUDIENCE = 'api://fleetplane-telemetry';
const CALLER_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = 'b7ad6b7169203331';
const HOST_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const HOST_SPAN = '00f067aa0ba902b7';
/** A client-chosen correlation id shaped like a JWT: the logs must not carry it. */
const JWT_SHAPED_CORRELATION_ID = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJzZWNyZXQifQ.c2lnbmF0dXJl';
const CLIENT_SECRET = 'p4ss-w0rd-never-logged';
const ACCOUNT_KEY = 'c2VjcmV0LWFjY291bnQta2V5';

interface Invoked {
  response: HttpResponseInit;
  /** What the handler wrote through the InvocationContext (what the Functions host receives). */
  lines: Record<string, unknown>[];
}

async function invoke(handler: HttpHandler | undefined, init: HttpRequestInit): Promise<Invoked> {
  const lines: Record<string, unknown>[] = [];
  const context = new InvocationContext({
    functionName: 'telemetryTest',
    invocationId: 'invocation-1',
    logHandler: (_level, ...args) => lines.push(args[0] as Record<string, unknown>),
  });
  const response = (await handler!(new HttpRequest(init), context)) as HttpResponseInit;
  return { response, lines };
}

/** What the Node worker does around an invocation: run the pre-invocation hooks, then the (re-bound) callback. */
async function invokeAsTheWorker<T>(
  app: CapturedApp,
  traceParent: string,
  callback: () => Promise<T>,
): Promise<T> {
  const hookContext = {
    invocationContext: { traceContext: { traceParent, traceState: '' } },
    functionCallback: callback as FunctionCallback,
  };
  for (const hook of app.hooks.get('preInvocation') ?? []) await hook(hookContext);
  return (await hookContext.functionCallback()) as T;
}

const attributeUrl = (span: ReadableSpan) =>
  String(span.attributes['url.full'] ?? span.attributes['http.url'] ?? '');

describe('telemetry with APPLICATIONINSIGHTS_CONNECTION_STRING: the Azure Monitor distro, with in-memory exporters beside it', () => {
  const spanExporter = new InMemorySpanExporter();
  const logExporter = new InMemoryLogRecordExporter();
  const tableEndpoint = /TableEndpoint=([^;]+)/.exec(inject('storageConnectionString'))![1]!;
  let ingestion: FakeIngestion;
  let issuer: RunningDevIssuer;
  let emulator: RunningAksEmulator;
  let fleetplane: Fleetplane;
  let worker: CapturedApp;
  let token: string;
  let packagesAfterStart: string[];
  let spans: ReadableSpan[];
  let records: ReadableLogRecord[];
  let health: Invoked;
  let cluster: Invoked;
  let hostedHealth: Invoked;

  beforeAll(async () => {
    process.env.APPLICATIONINSIGHTS_STATSBEAT_DISABLED = 'true';
    // The Node worker's @azure/functions-core, as the local host stands it in: the distro registers its
    // pre-invocation hook there, and the test runs that hook as the worker would in Azure.
    worker = installFunctionsCoreShim();
    ingestion = await startFakeIngestion();
    issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-issuer-')) });
    emulator = await startTestEmulator({ speed: 0 });
    startTelemetry({
      connectionString: `InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=${ingestion.url}`,
      overrides: {
        spanProcessors: [new SimpleSpanProcessor(spanExporter)],
        logRecordProcessors: [new SimpleLogRecordProcessor({ exporter: logExporter })],
        samplingRatio: 1,
        tracesPerSecond: 0,
        enableLiveMetrics: false,
        enableStandardMetrics: false,
        enablePerformanceCounters: false,
        azureMonitorExporterOptions: { disableOfflineStorage: true },
      },
    });
    packagesAfterStart = loadedOpenTelemetryPackages();
    const settings = testSettings({
      FLEETPLANE_ARM_ENDPOINT: emulator.baseUrl,
      FLEETPLANE_ARM_CREDENTIAL: 'emulator',
      AZURE_SUBSCRIPTION_ID: SUB,
      FLEETPLANE_DEV_ISSUER: issuer.issuerUrl,
      FLEETPLANE_AUTH_AUDIENCES: AUDIENCE,
      FLEETPLANE_AUTH_APP_ROLES_AT_TENANT_SCOPE: 'true',
    });
    fleetplane = buildFleetplane(settings, { arm: { maxRetries: 0 } });
    // Readiness is probed once per period per instance: the hosted call runs on a second instance so it probes too.
    const secondInstance = buildFleetplane(settings, { arm: { maxRetries: 0 } });
    await raw(emulator, 'PUT', withApi(clusterPath('rg-otel', 'traced')), basicCluster());
    token = await issuer.signToken({ audience: AUDIENCE, role: 'Reader' });

    health = await invoke(fleetplane.health.http.getReadiness, {
      method: 'GET',
      url: 'http://127.0.0.1:7071/api/health/ready',
      headers: { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` },
    });
    cluster = await invoke(fleetplane.clusters.http.getCluster, {
      method: 'GET',
      url: `http://127.0.0.1:7071/api/subscriptions/${SUB}/resourceGroups/rg-otel/clusters/traced`,
      headers: { authorization: `Bearer ${token}`, 'x-correlation-id': JWT_SHAPED_CORRELATION_ID },
      params: { subscriptionId: SUB, resourceGroup: 'rg-otel', clusterName: 'traced' },
    });
    hostedHealth = await invokeAsTheWorker(worker, `00-${HOST_TRACE}-${HOST_SPAN}-01`, () =>
      invoke(secondInstance.health.http.getReadiness, { method: 'GET', url: 'http://127.0.0.1:7071/api/health/ready' }),
    );
    await invokeAsTheWorker(worker, `00-${HOST_TRACE}-${HOST_SPAN}-01`, () => {
      const log = invocationLogger(new InvocationContext({ logHandler: () => {} }), {
        correlationId: 'c-secrets',
      });
      log.warn('Secrets handed to the logger', {
        clientSecret: CLIENT_SECRET,
        storage: `DefaultEndpointsProtocol=https;AccountName=fleet;AccountKey=${ACCOUNT_KEY}`,
        forwarded: `Bearer ${token}`,
      });
      return Promise.resolve();
    });

    spans = [...spanExporter.getFinishedSpans()];
    records = [...logExporter.getFinishedLogRecords()];
    await stopTelemetry(); // flushes the Azure Monitor exporters to the fake ingestion endpoint
  });
  afterAll(async () => {
    await stopTelemetry();
    await emulator?.close();
    await issuer?.close();
    await ingestion?.close();
  });

  const spansOfTrace = (traceId: string) => spans.filter((span) => span.spanContext().traceId === traceId);
  const recordOf = (traceId: string, body: string) =>
    records.find((record) => record.spanContext?.traceId === traceId && record.body === body);
  const requestSpanOf = (traceId: string) =>
    spansOfTrace(traceId).find((span) => span.kind === SpanKind.SERVER);
  /** Follows parent ids within the recorded spans; the last id is the span's outermost recorded ancestor's parent. */
  const ancestorIds = (span: ReadableSpan): string[] => {
    const byId = new Map(spans.map((each) => [each.spanContext().spanId, each]));
    const ids: string[] = [];
    for (
      let parent = span.parentSpanContext?.spanId;
      parent;
      parent = byId.get(parent)?.parentSpanContext?.spanId
    )
      ids.push(parent);
    return ids;
  };
  const recordOfOperation = (operationId: string) =>
    records.find((record) => record.attributes.operationId === operationId)!;
  const clientSpansTo = (traceId: string, endpoint: string) =>
    spansOfTrace(traceId).filter(
      (span) => span.kind === SpanKind.CLIENT && attributeUrl(span).startsWith(endpoint),
    );

  it('loads the distro only when started', () => {
    expect(packagesAfterStart).toEqual(
      expect.arrayContaining([
        '@azure/monitor-opentelemetry',
        '@opentelemetry/api',
        '@opentelemetry/sdk-logs',
      ]),
    );
  });

  it('still writes every line through the InvocationContext, and answers as before', () => {
    expect(health.response.status).toBe(200);
    expect(cluster.response.status).toBe(200);
    expect(health.lines).toContainEqual(
      expect.objectContaining({ message: 'Request completed', operationId: 'getReadiness', status: 200 }),
    );
  });

  it('also emits each line as a log record: the message as body, the fields as attributes, the level as severity', () => {
    const completed = recordOf(CALLER_TRACE, 'Request completed');
    expect(completed).toMatchObject({ severityNumber: SeverityNumber.INFO, severityText: 'information' });
    expect(completed!.attributes).toEqual({
      correlationId: CALLER_TRACE,
      operationId: 'getReadiness',
      method: 'GET',
      path: '/api/health/ready',
      status: 200,
      durationMs: expect.any(Number),
    });
    expect(recordOfOperation('getCluster').attributes).toMatchObject({
      status: 200,
      callerObjectId: expect.any(String),
    });
  });

  it('gives a request its own SERVER span, child of the caller’s traceparent, and its logs that span’s ids', () => {
    const request = requestSpanOf(CALLER_TRACE)!;
    expect(request).toMatchObject({ name: 'GET /health/ready', kind: SpanKind.SERVER });
    expect(request.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(request.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.route': '/health/ready',
      'http.response.status_code': 200,
    });
    expect(recordOf(CALLER_TRACE, 'Request completed')!.spanContext).toMatchObject({
      traceId: CALLER_TRACE,
      spanId: request.spanContext().spanId,
    });
  });

  it('records ARM and Storage calls as CLIENT spans under the request span', () => {
    for (const traceId of [CALLER_TRACE, recordOfOperation('getCluster').spanContext!.traceId]) {
      const request = requestSpanOf(traceId)!;
      for (const endpoint of [emulator.baseUrl, tableEndpoint]) {
        const calls = clientSpansTo(traceId, endpoint);
        expect(calls.length, `${endpoint} in ${request.name}`).toBeGreaterThan(0);
        for (const call of calls) expect(ancestorIds(call)).toContain(request.spanContext().spanId);
      }
    }
  });

  it('joins the Functions host’s trace when its context is active (Azure), without a second request span', () => {
    expect(hostedHealth.response.status).toBe(200);
    const hosted = spansOfTrace(HOST_TRACE);
    expect(hosted.filter((span) => span.kind === SpanKind.SERVER)).toEqual([]);
    for (const endpoint of [emulator.baseUrl, tableEndpoint]) {
      const calls = clientSpansTo(HOST_TRACE, endpoint);
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) expect(ancestorIds(call).at(-1)).toBe(HOST_SPAN);
    }
    expect(recordOf(HOST_TRACE, 'Request completed')!.spanContext).toMatchObject({
      traceId: HOST_TRACE,
      spanId: HOST_SPAN,
    });
  });

  it('redacts secrets in attributes, and lets no token or key leave the process', () => {
    expect(recordOfOperation('getCluster').attributes.correlationId).toBe('[redacted-jwt]');
    expect(recordOf(HOST_TRACE, 'Secrets handed to the logger')!.attributes).toEqual({
      correlationId: 'c-secrets',
      clientSecret: '[redacted]',
      storage: 'DefaultEndpointsProtocol=https;AccountName=fleet;[redacted-account-key]',
      forwarded: '[redacted-bearer]',
    });
    const azuriteKey = /AccountKey=([^;]+)/.exec(inject('storageConnectionString'))![1]!;
    const exported = JSON.stringify([
      spans.map((span) => span.attributes),
      records.map((record) => record.attributes),
      ingestion.rawBodies,
    ]);
    for (const secret of [token, JWT_SHAPED_CORRELATION_ID, CLIENT_SECRET, ACCOUNT_KEY, azuriteKey])
      expect(exported).not.toContain(secret);
  });

  it('reaches Application Insights with the fields as customDimensions and ARM and Storage as dependencies of the request', () => {
    const ofOperation = (traceId: string, baseType: string) =>
      ingestion.envelopes.filter(
        (envelope: Envelope) =>
          envelope.tags['ai.operation.id'] === traceId && envelope.data.baseType === baseType,
      );
    const request = requestSpanOf(CALLER_TRACE)!;
    expect(ofOperation(CALLER_TRACE, 'RequestData')).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          baseData: expect.objectContaining({ id: request.spanContext().spanId, responseCode: '200' }),
        }),
      }),
    ]);
    const [message] = ofOperation(CALLER_TRACE, 'MessageData');
    expect(message!.tags['ai.operation.parentId']).toBe(request.spanContext().spanId);
    expect(message!.data.baseData).toMatchObject({
      message: 'Request completed',
      severityLevel: 'Information',
    });
    expect(message!.data.baseData.properties).toMatchObject({
      correlationId: CALLER_TRACE,
      operationId: 'getReadiness',
      status: '200',
      path: '/api/health/ready',
    });
    const dependencyTargets = ofOperation(CALLER_TRACE, 'RemoteDependencyData').map((envelope) =>
      String(envelope.data.baseData.target),
    );
    expect(dependencyTargets.some((target) => target.startsWith(emulator.baseUrl))).toBe(true);
    expect(dependencyTargets.some((target) => target.startsWith(tableEndpoint))).toBe(true);
  });
});
