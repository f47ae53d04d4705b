import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AutoUpgradeChannel } from '../../../shared/domain/upgrades';
import { autoUpgradeTarget } from '../../../shared/domain/upgrades';
import { catalogOf, exampleBody, region2026 } from './support/versions';

describe('autoUpgradeTarget: cluster channels (learn.microsoft.com/azure/aks/auto-upgrade-cluster)', () => {
  // The doc's table: a cluster on 1.17.7 with 1.17.9, 1.18.4, 1.18.6 and 1.19.1 available.
  const available = ['1.17.9', '1.18.4', '1.18.6', '1.19.1'];
  it.each<[AutoUpgradeChannel, string[]]>([
    ['none', []],
    ['patch', ['1.17.9']],
    ['stable', ['1.18.6']],
    ['rapid', ['1.18.6', '1.19.1']],
    ['node-image', []],
  ])('%s → %j', (channel, hops) => {
    expect(autoUpgradeTarget({ current: '1.17.7', channel, available })).toEqual({ hops });
  });

  it.each<[string, string, AutoUpgradeChannel, string[]]>([
    ['on N-1 already at its newest patch', '1.18.6', 'stable', []],
    ['on N, stable does not move it back or on', '1.19.1', 'stable', []],
    ['on N, rapid takes newer patches of N', '1.19.1', 'rapid', ['1.19.4']],
  ])('%s', (_case, current, channel, hops) => {
    expect(autoUpgradeTarget({ current, channel, available: [...available, '1.19.4'] })).toEqual({ hops });
  });

  it('never offers a preview version: the catalogue minus its preview minors (KubernetesVersions_List.json)', () => {
    const catalog = exampleBody('KubernetesVersions_List.json');
    expect(autoUpgradeTarget({ current: '1.23.12', channel: 'rapid', catalog })).toEqual({
      hops: ['1.24.9', '1.25.5'],
    });
    expect(autoUpgradeTarget({ current: '1.23.12', channel: 'stable', catalog })).toEqual({
      hops: ['1.24.9'],
    });
    expect(autoUpgradeTarget({ current: '1.25.4', channel: 'patch', catalog })).toEqual({ hops: ['1.25.5'] });
  });

  it('counts N among community minors only: LTS-only and preview minors do not move N', () => {
    expect(autoUpgradeTarget({ current: '1.33.2', channel: 'rapid', catalog: region2026 })).toEqual({
      hops: ['1.34.3', '1.35.2'],
    });
  });

  it('stops where a minor is missing from the offer', () => {
    expect(
      autoUpgradeTarget({ current: '1.31.2', channel: 'rapid', available: ['1.32.4', '1.34.1'] }),
    ).toEqual({
      hops: ['1.32.4'],
      reason: 'MINOR_NOT_OFFERED',
    });
  });
});

describe('autoUpgradeTarget: Fleet TargetKubernetesVersion (kubernetes-fleet concepts-update-orchestration.md)', () => {
  const available = ['1.29.5', '1.30.2', '1.30.5', '1.31.1'];
  it.each<[string, string, { hops: string[]; reason?: string }]>([
    ['new patch of the target minor', '1.30.2', { hops: ['1.30.5'] }],
    ['one minor behind the target', '1.29.5', { hops: ['1.30.5'] }],
    ['already on the newest patch', '1.30.5', { hops: [] }],
    ['ahead of the target: no downgrade', '1.31.1', { hops: [] }],
    [
      'more than one minor behind (1.28 → 1.30 does not happen)',
      '1.28.9',
      { hops: [], reason: 'MORE_THAN_ONE_MINOR_BEHIND' },
    ],
  ])('%s', (_case, current, decision) => {
    expect(
      autoUpgradeTarget({
        current,
        channel: 'TargetKubernetesVersion',
        targetKubernetesVersion: '1.30',
        available,
      }),
    ).toEqual(decision);
  });

  it('works from the catalogue when there is no list', () => {
    expect(
      autoUpgradeTarget({
        current: '1.32.6',
        channel: 'TargetKubernetesVersion',
        targetKubernetesVersion: '1.33',
        catalog: catalogOf({ '1.32': { patches: ['1.32.6'] }, '1.33': { patches: ['1.33.1', '1.33.4'] } }),
      }),
    ).toEqual({ hops: ['1.33.4'] });
  });
});

describe('autoUpgradeTarget properties', () => {
  const offer = fc.uniqueArray(
    fc
      .tuple(fc.integer({ min: 25, max: 35 }), fc.integer({ min: 0, max: 9 }))
      .map(([minor, patch]) => `1.${minor}.${patch}`),
    { minLength: 1, maxLength: 20 },
  );
  const current = fc
    .tuple(fc.integer({ min: 24, max: 35 }), fc.integer({ min: 0, max: 9 }))
    .map(([minor, patch]) => `1.${minor}.${patch}`);
  const minor = (text: string) => Number(text.split('.')[1]);
  const patch = (text: string) => Number(text.split('.')[2]);

  it('hops go up one minor at a time, only to offered versions, the newest patch of each minor', () => {
    fc.assert(
      fc.property(
        offer,
        current,
        fc.constantFrom<AutoUpgradeChannel>('patch', 'stable', 'rapid'),
        (available, from, channel) => {
          const { hops } = autoUpgradeTarget({ current: from, channel, available });
          let previous = from;
          for (const hop of hops) {
            expect(available).toContain(hop);
            const step = minor(hop) - minor(previous);
            expect(step === 1 || (step === 0 && patch(hop) > patch(previous))).toBe(true);
            expect(
              available
                .filter((text) => minor(text) === minor(hop))
                .every((text) => patch(text) <= patch(hop)),
            ).toBe(true);
            previous = hop;
          }
        },
      ),
    );
  });
});
