import { describe, expect, it } from 'vitest';

/** `.ci/run` names the Node major each pass must run on; this proves the test workers really run on it. */
const expectedMajor = process.env.FLEETPLANE_EXPECTED_NODE_MAJOR;

describe('the Node runtime of this test run', () => {
  it.runIf(expectedMajor !== undefined)(`is Node ${expectedMajor ?? '(any: not run by .ci/run)'}`, () => {
    console.log(`test workers run on Node ${process.version}`);
    expect(process.versions.node.split('.')[0]).toBe(expectedMajor);
  });
});
