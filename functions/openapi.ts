import { app } from '@azure/functions';
import { allOperations } from '../shared/api/allOperations';
import { getOpenApiDocument } from '../shared/api/openApiApi';
import { buildOpenApiDocument } from '../shared/api/openApiDocument';
import { handleHttp, httpTriggerOf } from '../shared/http/handleHttp';
import { version } from '../package.json';

let document: Record<string, unknown> | undefined;

export const openApiDocument = handleHttp(getOpenApiDocument, () => {
  document ??= buildOpenApiDocument(allOperations, version);
  return Promise.resolve({ status: 200, jsonBody: document });
});

app.http(getOpenApiDocument.operationId, { ...httpTriggerOf(getOpenApiDocument), handler: openApiDocument });
