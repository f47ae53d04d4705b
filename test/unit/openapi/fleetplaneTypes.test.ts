import { describe, expect, it } from 'vitest';
import { fleetplaneDocument } from '../../support/openapi/fleetplaneDocument';
import { FLEETPLANE_TYPES_FILE, typesOf } from '../../support/openapi/fleetplaneTypes';

describe('the committed client types', () => {
  // Stale types fail here with the diff; `npx vitest run test/unit/openapi/fleetplaneTypes.test.ts -u` rewrites them.
  it('are what openapi-typescript generates from the current document', async () => {
    await expect(await typesOf(fleetplaneDocument())).toMatchFileSnapshot(FLEETPLANE_TYPES_FILE);
  });
});
