import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fleetplaneDocument } from '../../support/openapi/fleetplaneDocument';

const DOCUMENT_REF = 'fleetplane/openapi.json';

/**
 * Findings of the recommended ruleset that do not apply to this API, each with its reason. Switched off
 * per location (Redocly's ignore list) or per rule, never by lowering a rule for the whole document.
 */
const NOT_APPLICABLE = {
  rules: {
    // The project has not chosen a license (package.json is private, there is no LICENSE file); the API
    // document will name one when the project does, and `info-license-strict` stays on to check it then.
    'info-license': 'off',
  },
  locations: {
    // Public and without input: nothing a client sends makes these answer 4xx (see handleHttp), and the
    // document should not promise answers the API never gives. Every other operation must declare its 4xx.
    'operation-4xx-response': ['#/paths/~1api~1health/get/responses', '#/paths/~1api~1openapi.json/get/responses'],
  },
} as const;

async function lintFleetplaneDocument(): Promise<NormalizedProblem[]> {
  const config = await createConfig(
    { extends: ['recommended'], rules: NOT_APPLICABLE.rules },
    {
      ignore: {
        [DOCUMENT_REF]: Object.fromEntries(
          Object.entries(NOT_APPLICABLE.locations).map(([rule, pointers]) => [rule, new Set<string>(pointers)]),
        ),
      },
    },
  );
  return lintFromString({ source: JSON.stringify(fleetplaneDocument()), absoluteRef: DOCUMENT_REF, config });
}

function describeProblem(problem: NormalizedProblem): string {
  return `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer ?? '?'}: ${problem.message}`;
}

describe('the OpenAPI document under Redocly’s recommended ruleset', () => {
  let problems: NormalizedProblem[];
  beforeAll(async () => {
    problems = await lintFleetplaneDocument();
  });

  it('has no error and no warning', () => {
    expect(problems.filter((problem) => !problem.ignored).map(describeProblem)).toEqual([]);
  });

  it('ignores exactly the listed locations, so the list never outlives its reason', () => {
    const ignored = problems.filter((problem) => problem.ignored);
    const expected = Object.entries(NOT_APPLICABLE.locations).flatMap(([rule, pointers]) => pointers.map((pointer) => `${rule} ${pointer}`));
    expect(ignored.map((problem) => `${problem.ruleId} ${problem.location[0]?.pointer}`).sort()).toEqual(expected.sort());
  });
});
