import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNodeImages, consistentNodeImages, nodeImageFamilyOf } from '../../../shared/domain/updateRuns';

const UBUNTU = 'AKSUbuntu-2204gen2containerd';
const WINDOWS = 'AKSWindows-2022-containerd';

describe('node image versions', () => {
  it.each([
    [`${UBUNTU}-202611.01.0`, UBUNTU],
    [`${WINDOWS}-20348.4405.261111`, WINDOWS],
    ['AKSAzureLinux-V3gen2-202612.05.1', 'AKSAzureLinux-V3gen2'],
  ])('the family of %s is %s', (image, family) => {
    expect(nodeImageFamilyOf(image)).toBe(family);
  });

  it.each([
    [`${UBUNTU}-202611.01.0`, `${UBUNTU}-202610.18.0`, 1],
    [`${UBUNTU}-202611.01.0`, `${UBUNTU}-202611.01.0`, 0],
    // Numbers, not text: 202611.09 is older than 202611.10.
    [`${UBUNTU}-202611.09.0`, `${UBUNTU}-202611.10.0`, -1],
    [`${WINDOWS}-20348.4405.261111`, `${WINDOWS}-20348.4294.261014`, 1],
  ])('%s against %s: %i', (a, b, order) => {
    expect(compareNodeImages(a, b)).toBe(order);
  });

  it('Consistent takes, per family, the oldest of the latest images (Fleet Manager\'s example: .12 in region X, .17 in Y → .12)', () => {
    expect(consistentNodeImages([`${UBUNTU}-2021.10.17`, `${UBUNTU}-2021.10.12`, `${WINDOWS}-20348.4405.261111`, `${UBUNTU}-2021.10.17`])).toEqual({
      [UBUNTU]: `${UBUNTU}-2021.10.12`,
      [WINDOWS]: `${WINDOWS}-20348.4405.261111`,
    });
    expect(consistentNodeImages([])).toEqual({});
  });

  it('the selection is one of the offered images and no offered image of its family is older', () => {
    const image = fc.tuple(fc.constantFrom(UBUNTU, WINDOWS), fc.integer({ min: 202001, max: 202912 }), fc.integer({ min: 1, max: 31 })).map(([family, month, day]) => `${family}-${month}.${String(day).padStart(2, '0')}.0`);
    fc.assert(
      fc.property(fc.array(image, { minLength: 1, maxLength: 12 }), (images) => {
        const selected = consistentNodeImages(images);
        for (const [family, chosen] of Object.entries(selected)) {
          expect(images).toContain(chosen);
          for (const other of images.filter((i) => nodeImageFamilyOf(i) === family)) expect(compareNodeImages(chosen, other)).toBeLessThanOrEqual(0);
        }
        expect(Object.keys(selected).sort()).toEqual([...new Set(images.map(nodeImageFamilyOf))].sort());
      }),
    );
  });
});
