import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveSettingsOf, toManagedCluster } from '../../../shared/adapters/arm/clusterMapping';
import { checkAksRules } from '../../../shared/domain/fleet/aksRules';
import { evaluateGuardrails } from '../../../shared/domain/fleet/guardrails';
import { clusterSpecSchema } from '../../../shared/schemas/clusterSpec';
import { guardrailsSchema } from '../../../shared/schemas/guardrails';

const markdown = readFileSync(join(__dirname, '../../../docs/cluster-spec.md'), 'utf8');
const jsonBlocks = [...markdown.matchAll(/```json\n([\s\S]*?)```/g)].map(
  (match) => JSON.parse(match[1] ?? '') as unknown,
);

describe('docs/cluster-spec.md examples', () => {
  it('the full cluster example is valid, passes the AKS rules and enables the promised add-ons', () => {
    const spec = clusterSpecSchema.parse(jsonBlocks[0]);
    expect(checkAksRules(spec)).toEqual([]);
    expect(effectiveSettingsOf(spec).addons).toEqual(['ACCSGXDevicePlugin', 'omsagent']);
    expect(
      toManagedCluster(spec, { windowsAdminUsername: 'u', windowsAdminPassword: 'p' }).windowsProfile,
    ).toBeDefined();
  });

  it('the guardrails example is valid, and rejects the Windows pool of the cluster example', () => {
    const guardrails = guardrailsSchema.parse(jsonBlocks[1]);
    const violations = evaluateGuardrails(clusterSpecSchema.parse(jsonBlocks[0]), guardrails);
    expect(violations.map((violation) => `${violation.path}:${violation.code}`)).toEqual([
      'nodePools[1].osType:WindowsNotAllowed',
      'nodePools[3].vmSize:VmSizeNotAllowed',
      'nodePools[3].vmSize:VmFamilyNotAllowed',
    ]);
  });
});
