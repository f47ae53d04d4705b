import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { buildOpenApiDocument } from '../../platform/http/openApiDocument';
import { allOperations } from './allOperations';
import { getOpenApiDocument } from './openapi.api';

export { allOperations } from './allOperations';
export { openApiOperations } from './openapi.api';

/** `GET /api/openapi.json`: the whole API, generated once per instance from the operations' zod schemas. */
export function buildOpenApi(deps: { http: HttpPipeline; version: string }): { http: HttpHandlers } {
  let document: Record<string, unknown> | undefined;
  return {
    http: {
      [getOpenApiDocument.operationId]: deps.http.handle(getOpenApiDocument, () => {
        document ??= buildOpenApiDocument(allOperations, deps.version);
        return Promise.resolve({ status: 200, jsonBody: document });
      }),
    },
  };
}
