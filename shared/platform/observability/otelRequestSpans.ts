import type { HttpResponseInit } from '@azure/functions';
import type { Context, Span, Tracer } from '@opentelemetry/api';
import { openTelemetryApi } from './openTelemetryPackages';
import type { HttpInvocation, Telemetry } from './telemetry';

/**
 * In Azure the Functions host records the request and hands its trace context to the worker, where Azure
 * Monitor's pre-invocation hook makes it active: spans and logs of the invocation then belong to the host's
 * request. Where nothing did that (the local host, tests) this starts the request span itself, as a child of
 * the caller's W3C `traceparent`.
 */
export function otelHttpInvocationTracer(tracer: Tracer): Telemetry['traceHttpInvocation'] {
  const api = openTelemetryApi();
  return (invocation, run) => {
    const active = api.context.active();
    if (api.trace.getSpan(active)) return run();
    const { request } = invocation;
    const route = `/${invocation.route}`;
    const attributes = {
      'http.request.method': request.method,
      'http.route': route,
      'url.path': new URL(request.url).pathname,
    };
    return tracer.startActiveSpan(
      `${request.method} ${route}`,
      { kind: api.SpanKind.SERVER, attributes },
      callersContext(active, invocation),
      (span) => endWithResponse(span, run),
    );
  };
}

/** The invocation's trace context (the host's, or the local host's copy of the header), else the request's headers. */
function callersContext(active: Context, { request, context }: HttpInvocation): Context {
  const carrier = {
    traceparent: context.traceContext?.traceParent ?? request.headers.get('traceparent') ?? undefined,
    tracestate: context.traceContext?.traceState ?? request.headers.get('tracestate') ?? undefined,
  };
  return openTelemetryApi().propagation.extract(active, carrier);
}

async function endWithResponse(span: Span, run: () => Promise<HttpResponseInit>): Promise<HttpResponseInit> {
  const { SpanStatusCode } = openTelemetryApi();
  try {
    const response = await run();
    const status = response.status ?? 200;
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    return response;
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
