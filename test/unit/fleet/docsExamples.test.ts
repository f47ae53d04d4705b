import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveSettingsOf, toManagedCluster } from '../../../shared/features/clusters/clusterMapping';
import { checkAksRules } from '../../../shared/domain/fleet/aksRules';
import { evaluateGuardrails } from '../../../shared/domain/fleet/guardrails';
import { clusterSpecSchema } from '../../../shared/domain/fleet/clusterSpec';
import { guardrailsSchema } from '../../../shared/domain/fleet/guardrailsSchema';
import { versionSupportCalendarSchema } from '../../../shared/domain/fleet/versionSupportCalendar';

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

describe('docs/inventory.md examples', () => {
  it('the version support calendar example is a valid calendar', () => {
    const inventoryDoc = readFileSync(join(__dirname, '../../../docs/inventory.md'), 'utf8');
    const calendars = [...inventoryDoc.matchAll(/```json\n([\s\S]*?)```/g)]
      .map((match) => match[1] ?? '')
      .filter((block) => block.includes('"endOfSupport"'))
      .map((block) => JSON.parse(block) as unknown);
    expect(calendars).toHaveLength(1);
    const calendar = versionSupportCalendarSchema.parse(calendars[0]);
    expect(calendar.endOfSupport['1.34']).toBe('2026-11-30');
  });
});
