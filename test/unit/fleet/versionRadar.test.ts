import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareKubernetesVersions,
  minorDistance,
  parseKubernetesVersion,
} from '../../../shared/domain/fleet/kubernetesVersion';
import type { VersionCatalogue } from '../../../shared/domain/fleet/versionCatalogue';
import {
  availableUpgrades,
  supportStatuses,
  supportStatusOf,
  versionRadarEntry,
} from '../../../shared/domain/fleet/versionRadar';
import { supportStatusSchema, versionRadarEntrySchema } from '../../../shared/domain/fleet/clusterSpec';
import { loadExample } from './support/fixtures';

/** KubernetesVersions_List.json: 1.23, 1.24 (default), 1.25 GA; 1.26 preview. */
const fixtureCatalogue = loadExample('KubernetesVersions_List.json').responses['200']!
  .body as VersionCatalogue;

/** Shaped like the 2026 catalogue of upgrades.md: 1.31 LTS-only, 1.32–1.35 GA, 1.36 preview. */
const catalogue: VersionCatalogue = {
  values: [
    {
      version: '1.31',
      capabilities: { supportPlan: ['AKSLongTermSupport'] },
      patchVersions: { '1.31.9': { upgrades: ['1.32.7'] } },
    },
    {
      version: '1.32',
      capabilities: { supportPlan: ['KubernetesOfficial', 'AKSLongTermSupport'] },
      patchVersions: { '1.32.6': { upgrades: ['1.32.7', '1.33.2'] }, '1.32.7': { upgrades: ['1.33.2'] } },
    },
    {
      version: '1.33',
      capabilities: { supportPlan: ['KubernetesOfficial'] },
      patchVersions: { '1.33.2': { upgrades: ['1.34.1'] } },
    },
    {
      version: '1.34',
      isDefault: true,
      capabilities: { supportPlan: ['KubernetesOfficial'] },
      patchVersions: { '1.34.1': { upgrades: ['1.35.0'] } },
    },
    {
      version: '1.35',
      capabilities: { supportPlan: ['KubernetesOfficial'] },
      patchVersions: { '1.35.0': { upgrades: ['1.36.0'] } },
    },
    {
      version: '1.36',
      isPreview: true,
      capabilities: { supportPlan: ['KubernetesOfficial'] },
      patchVersions: { '1.36.0': { upgrades: [] } },
    },
  ],
};

describe('supportStatusOf', () => {
  it.each([
    ['1.35.0', 'supported', 0],
    ['1.34', 'supported', 1],
    ['1.33.2', 'supported', 2],
    ['1.32.7', 'platformSupport', 3],
    ['1.31.9', 'outOfSupport', 4],
    ['1.27.3', 'outOfSupport', 8],
    ['1.36.0', 'preview', -1],
  ] as const)('%s → %s (%i minors behind 1.35)', (version, status, behind) => {
    expect(supportStatusOf(version, catalogue)).toMatchObject({
      status,
      minorsBehindLatest: behind,
      latestGaMinor: '1.35',
    });
  });

  it('uses the GA minors of the fixture catalogue (preview 1.26 does not count as N)', () => {
    expect(supportStatusOf('1.23.12', fixtureCatalogue).status).toBe('supported');
    expect(supportStatusOf('1.22.6', fixtureCatalogue).status).toBe('platformSupport');
    expect(supportStatusOf('1.21.2', fixtureCatalogue).status).toBe('outOfSupport');
    expect(supportStatusOf('1.26.0', fixtureCatalogue).status).toBe('preview');
  });

  it('counts days to the end of support from dates passed in', () => {
    const report = supportStatusOf('1.33.2', catalogue, {
      today: '2026-07-01',
      endOfSupport: { '1.33': '2026-07-31' },
    });
    expect(report).toMatchObject({ status: 'supported', endOfSupport: '2026-07-31', daysToEndOfSupport: 30 });
  });

  it('treats a passed end-of-support date as the end of full support', () => {
    const report = supportStatusOf('1.33.2', catalogue, {
      today: '2026-08-02T10:00:00Z',
      endOfSupport: { '1.33': '2026-07-31' },
    });
    expect(report).toMatchObject({ status: 'platformSupport', daysToEndOfSupport: -2 });
  });

  it('keeps an LTS cluster supported while the catalogue offers its minor as LTS', () => {
    const policy = {
      supportPlan: 'AKSLongTermSupport',
      today: '2026-11-27',
      endOfLongTermSupport: { '1.31': '2026-11-30' },
    };
    expect(supportStatusOf('1.31.9', catalogue, policy)).toMatchObject({
      status: 'supported',
      daysToEndOfSupport: 3,
    });
    expect(supportStatusOf('1.30.4', catalogue, policy).status).toBe('outOfSupport');
  });

  it('is unknown without a GA minor or with a malformed version', () => {
    expect(supportStatusOf('1.33.2', { values: [] }).status).toBe('unknown');
    expect(supportStatusOf('latest', catalogue).status).toBe('unknown');
  });
});

describe('availableUpgrades', () => {
  it('follows the catalogue upgrades of the patch, marking previews', () => {
    expect(availableUpgrades('1.23.12', fixtureCatalogue)).toEqual([
      { version: '1.23.15', isPreview: false },
      { version: '1.24.6', isPreview: false },
      { version: '1.24.9', isPreview: false },
    ]);
    expect(availableUpgrades('1.25.4', fixtureCatalogue)).toEqual([
      { version: '1.25.5', isPreview: false },
      { version: '1.26.0', isPreview: true },
    ]);
    expect(availableUpgrades('1.26.0', fixtureCatalogue)).toEqual([]);
  });

  it('derives one-step upgrades for a patch the catalogue no longer lists', () => {
    expect(availableUpgrades('1.32.1', catalogue).map((upgrade) => upgrade.version)).toEqual([
      '1.32.6',
      '1.32.7',
      '1.33.2',
    ]);
  });

  it('treats a minor alias as the lowest patch of that minor', () => {
    expect(availableUpgrades('1.34', catalogue).map((upgrade) => upgrade.version)).toEqual([
      '1.34.1',
      '1.35.0',
    ]);
  });

  it('drops catalogue entries that would skip a minor or go backwards', () => {
    const odd: VersionCatalogue = {
      values: [
        {
          version: '1.30',
          patchVersions: { '1.30.5': { upgrades: ['1.30.4', '1.30.5', '1.32.0', '1.31.1', '1.31.1'] } },
        },
      ],
    };
    expect(availableUpgrades('1.30.5', odd)).toEqual([{ version: '1.31.1', isPreview: false }]);
  });

  const patchText = fc
    .tuple(fc.integer({ min: 20, max: 30 }), fc.integer({ min: 0, max: 6 }))
    .map(([minor, patch]) => `1.${minor}.${patch}`);
  const catalogueArbitrary: fc.Arbitrary<VersionCatalogue> = fc
    .uniqueArray(fc.integer({ min: 20, max: 30 }), { minLength: 1, maxLength: 8 })
    .chain((minors) =>
      fc.tuple(
        ...minors.map((minor) =>
          fc.record({
            version: fc.constant(`1.${minor}`),
            isPreview: fc.boolean(),
            patchVersions: fc.dictionary(
              fc.integer({ min: 0, max: 6 }).map((patch) => `1.${minor}.${patch}`),
              fc.record({ upgrades: fc.array(patchText, { maxLength: 6 }) }),
              { maxKeys: 4 },
            ),
          }),
        ),
      ),
    )
    .map((values) => ({ values }));
  const currentArbitrary = fc.oneof(
    patchText,
    fc.integer({ min: 20, max: 30 }).map((minor) => `1.${minor}`),
  );

  it('never goes backwards and never skips a minor, whatever the catalogue says', () => {
    fc.assert(
      fc.property(currentArbitrary, catalogueArbitrary, (currentText, data) => {
        const current = parseKubernetesVersion(currentText);
        for (const upgrade of availableUpgrades(currentText, data)) {
          const target = parseKubernetesVersion(upgrade.version);
          expect(compareKubernetesVersions(target, current)).toBeGreaterThan(0);
          expect(minorDistance(current, target)).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('returns distinct versions in ascending order', () => {
    fc.assert(
      fc.property(currentArbitrary, catalogueArbitrary, (currentText, data) => {
        const versions = availableUpgrades(currentText, data).map((upgrade) =>
          parseKubernetesVersion(upgrade.version),
        );
        for (let index = 1; index < versions.length; index++) {
          expect(compareKubernetesVersions(versions[index - 1]!, versions[index]!)).toBeLessThan(0);
        }
      }),
    );
  });

  it('support status is monotonic: an older minor is never better supported', () => {
    const rank = { preview: 0, supported: 1, platformSupport: 2, outOfSupport: 3, unknown: 4 } as const;
    fc.assert(
      fc.property(
        catalogueArbitrary,
        fc.integer({ min: 15, max: 32 }),
        fc.integer({ min: 15, max: 32 }),
        (data, a, b) => {
          fc.pre(a < b);
          expect(rank[supportStatusOf(`1.${a}.0`, data).status]).toBeGreaterThanOrEqual(
            rank[supportStatusOf(`1.${b}.0`, data).status],
          );
        },
      ),
    );
  });
});

describe('versionRadarEntry', () => {
  it('combines upgrades and support for one cluster', () => {
    expect(
      versionRadarEntry('1.32.7', catalogue, { today: '2026-03-01', endOfSupport: { '1.32': '2026-03-31' } }),
    ).toEqual({
      currentVersion: '1.32.7',
      availableUpgrades: [{ version: '1.33.2', isPreview: false }],
      support: {
        status: 'platformSupport',
        minorsBehindLatest: 3,
        latestGaMinor: '1.35',
        endOfSupport: '2026-03-31',
        daysToEndOfSupport: 30,
      },
    });
  });
});

describe('versionRadarEntrySchema', () => {
  it('describes what versionRadarEntry returns', () => {
    const entry = versionRadarEntry('1.33.2', catalogue, {
      today: '2026-07-01',
      endOfSupport: { '1.33': '2026-07-31' },
    });
    expect(versionRadarEntrySchema.parse(entry)).toEqual(entry);
  });

  it('keeps the domain statuses and the schema enum in step', () => {
    expect([...supportStatusSchema.options].sort()).toEqual([...supportStatuses].sort());
  });
});
