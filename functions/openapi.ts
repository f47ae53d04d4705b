import { app } from '@azure/functions';
import { allOperations } from '../shared/features/openapi/allOperations';
import { getOpenApiDocument } from '../shared/features/openapi/openapi.api';
import { buildOpenApiDocument } from '../shared/platform/http/openApiDocument';
import { handleHttp, httpTriggerOf } from '../shared/platform/http/handleHttp';
import { version } from '../package.json';

let document: Record<string, unknown> | undefined;

export const openApiDocument = handleHttp(getOpenApiDocument, () => {
  document ??= buildOpenApiDocument(allOperations, version);
  return Promise.resolve({ status: 200, jsonBody: document });
});

app.http(getOpenApiDocument.operationId, { ...httpTriggerOf(getOpenApiDocument), handler: openApiDocument });
