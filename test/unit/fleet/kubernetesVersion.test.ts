import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareKubernetesVersions,
  compareMinors,
  formatKubernetesVersion,
  InvalidKubernetesVersionError,
  minorDistance,
  parseKubernetesVersion,
  tryParseKubernetesVersion,
} from '../../../shared/domain/fleet/kubernetesVersion';
import type { KubernetesVersion } from '../../../shared/domain/fleet/kubernetesVersion';

const versionArbitrary: fc.Arbitrary<KubernetesVersion> = fc.oneof(
  fc.record({ major: fc.integer({ min: 0, max: 3 }), minor: fc.integer({ min: 0, max: 40 }) }),
  fc.record({
    major: fc.integer({ min: 0, max: 3 }),
    minor: fc.integer({ min: 0, max: 40 }),
    patch: fc.integer({ min: 0, max: 30 }),
  }),
);

describe('parseKubernetesVersion', () => {
  it.each([
    ['1.33', { major: 1, minor: 33 }],
    ['1.33.2', { major: 1, minor: 33, patch: 2 }],
    ['v1.29.10', { major: 1, minor: 29, patch: 10 }],
  ])('parses %s', (text, expected) => {
    expect(parseKubernetesVersion(text)).toEqual(expected);
  });

  it.each(['', '1', '1.x', '1.33.2.1', 'latest', '1.33-preview'])('rejects %j', (text) => {
    expect(tryParseKubernetesVersion(text)).toBeUndefined();
    expect(() => parseKubernetesVersion(text)).toThrow(InvalidKubernetesVersionError);
  });

  it('formats back to the same text', () => {
    fc.assert(
      fc.property(versionArbitrary, (version) => {
        expect(parseKubernetesVersion(formatKubernetesVersion(version))).toEqual(version);
      }),
    );
  });
});

describe('compareKubernetesVersions', () => {
  it.each([
    ['1.33.2', '1.33.10', -1],
    ['1.34.0', '1.33.10', 1],
    ['1.33', '1.33.0', -1],
    ['1.33.2', '1.33.2', 0],
    ['2.0.0', '1.99.99', 1],
  ])('%s vs %s → %i', (a, b, sign) => {
    expect(Math.sign(compareKubernetesVersions(parseKubernetesVersion(a), parseKubernetesVersion(b)))).toBe(
      sign,
    );
  });

  it('is a total order: antisymmetric, reflexive only on equal versions', () => {
    fc.assert(
      fc.property(versionArbitrary, fc.option(versionArbitrary, { nil: undefined }), (a, maybeB) => {
        const b = maybeB ?? { ...a };
        // Sum, not negation: -Math.sign(0) is -0, which toBe treats as different from 0.
        expect(Math.sign(compareKubernetesVersions(a, b)) + Math.sign(compareKubernetesVersions(b, a))).toBe(
          0,
        );
        expect(compareKubernetesVersions(a, b) === 0).toBe(
          formatKubernetesVersion(a) === formatKubernetesVersion(b),
        );
      }),
    );
  });

  it('is transitive', () => {
    fc.assert(
      fc.property(versionArbitrary, versionArbitrary, versionArbitrary, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort(compareKubernetesVersions) as [
          KubernetesVersion,
          KubernetesVersion,
          KubernetesVersion,
        ];
        expect(compareKubernetesVersions(x, y)).toBeLessThanOrEqual(0);
        expect(compareKubernetesVersions(y, z)).toBeLessThanOrEqual(0);
        expect(compareKubernetesVersions(x, z)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('agrees with compareMinors whenever the minors differ', () => {
    fc.assert(
      fc.property(versionArbitrary, versionArbitrary, (a, b) => {
        fc.pre(compareMinors(a, b) !== 0);
        expect(Math.sign(compareKubernetesVersions(a, b))).toBe(Math.sign(compareMinors(a, b)));
        expect(Math.sign(minorDistance(b, a))).toBe(Math.sign(compareMinors(a, b)));
      }),
    );
  });
});
