import type { HttpFunctionOptions, HttpHandler } from '@azure/functions';
import type { ApiOperation } from '../http/apiOperation';
import type { HttpHandlers } from '../http/handleHttp';

/**
 * The options app.http needs for an operation. The handler is looked up on each invocation, so registering a
 * function builds nothing: the composition root builds a feature on its first request (cold start).
 */
export function httpTriggerOf(operation: ApiOperation, handlers: () => HttpHandlers): HttpFunctionOptions {
  const handler: HttpHandler = (request, context) => {
    const implementation = handlers()[operation.operationId];
    if (!implementation) throw new Error(`No handler for operation ${operation.operationId}`);
    return implementation(request, context);
  };
  return { route: operation.route, methods: [operation.method], authLevel: 'anonymous', handler };
}
