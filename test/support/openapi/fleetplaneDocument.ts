import { version } from '../../../package.json';
import { allOperations } from '../../../shared/features/openapi';
import { buildOpenApiDocument } from '../../../shared/platform/http/openApiDocument';

/** The document `GET /api/openapi.json` serves, built in-process from the operation definitions. */
export function fleetplaneDocument(): Record<string, unknown> {
  return buildOpenApiDocument(allOperations, version);
}
