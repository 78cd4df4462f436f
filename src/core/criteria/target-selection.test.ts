import { describe, expect, it } from 'vitest';
import { EASL } from './bidimensional';
import { MRECIST, RECIST11 } from './linear';
import { selectTargets } from './target-selection';
import { enhancing, lesion } from './test-fixtures';
import { QEASL } from './volumetric';

const ld = (label: string, mm: number, organ?: string) =>
  lesion(label, organ === undefined ? { longestDiameterMm: mm } : { longestDiameterMm: mm, organ });

describe('target selection', () => {
  it('measurability: 9.9 mm is not a target, exactly 10 mm is', () => {
    const s = selectTargets([ld('Lesion 1', 9.9), ld('Lesion 2', 10)], RECIST11);
    expect(s.targets).toEqual(['Lesion 2']);
    expect(s.nonTargets).toEqual([{ label: 'Lesion 1', reason: 'not measurable: longest diameter 9.9 mm < 10 mm' }]);
  });

  it('at most 2 per organ: of four liver lesions the two largest are targets', () => {
    const s = selectTargets([ld('Lesion 1', 20), ld('Lesion 2', 50), ld('Lesion 3', 30), ld('Lesion 4', 40)], RECIST11);
    expect(s.targets).toEqual(['Lesion 2', 'Lesion 4']);
    expect(s.nonTargets.map((n) => n.label)).toEqual(['Lesion 3', 'Lesion 1']);
    expect(s.nonTargets[0]?.reason).toContain('organ limit: 2 larger targets already chosen in liver');
  });

  it('at most 5 in total: seven eligible lesions over four organs give the five largest', () => {
    const s = selectTargets(
      [
        ld('Lesion 1', 60, 'liver'),
        ld('Lesion 2', 55, 'lung'),
        ld('Lesion 3', 50, 'liver'),
        ld('Lesion 4', 45, 'lung'),
        ld('Lesion 5', 40, 'adrenal'),
        ld('Lesion 6', 35, 'peritoneum'),
        ld('Lesion 7', 30, 'adrenal'),
      ],
      RECIST11,
    );
    expect(s.targets).toEqual(['Lesion 1', 'Lesion 2', 'Lesion 3', 'Lesion 4', 'Lesion 5']);
    expect(s.nonTargets).toEqual([
      { label: 'Lesion 6', reason: 'target limit: 5 larger targets already chosen' },
      { label: 'Lesion 7', reason: 'target limit: 5 larger targets already chosen' },
    ]);
  });

  it('organ defaults to liver and is compared case-insensitively', () => {
    const s = selectTargets([ld('Lesion 1', 30), ld('Lesion 2', 25, 'Liver'), ld('Lesion 3', 20, ' LIVER ')], RECIST11);
    expect(s.targets).toEqual(['Lesion 1', 'Lesion 2']);
  });

  it('equal diameters keep input order', () => {
    expect(selectTargets([ld('B', 20), ld('A', 20), ld('C', 20)], RECIST11).targets).toEqual(['B', 'A']);
  });

  it('a lesion the reader designated non-target is never a target', () => {
    const s = selectTargets([{ ...ld('Lesion 1', 50), target: false }, ld('Lesion 2', 20)], RECIST11);
    expect(s.targets).toEqual(['Lesion 2']);
    expect(s.nonTargets[0]?.reason).toBe('designated non-target by the reader');
  });

  it('mRECIST/EASL/qEASL exclude a lesion not enhancing at baseline; the next enhancing lesion takes the slot', () => {
    const necrotic = lesion('Lesion 1', {
      longestDiameterMm: 50,
      perpendicularDiameterMm: 40,
      viableLongestDiameterMm: 0,
      viablePerpendicularDiameterMm: 0,
      volumeMl: 40,
      enhancingVolumeMl: 0,
    });
    const l2 = { ...enhancing('Lesion 2', 40), volumeMl: 30, enhancingVolumeMl: 30 };
    const l3 = { ...enhancing('Lesion 3', 30), volumeMl: 14, enhancingVolumeMl: 14 };
    expect(selectTargets([necrotic, l2, l3], RECIST11).targets).toEqual(['Lesion 1', 'Lesion 2']);
    for (const spec of [MRECIST, EASL, QEASL]) {
      const s = selectTargets([necrotic, l2, l3], spec);
      expect(s.targets).toEqual(['Lesion 2', 'Lesion 3']);
      expect(s.nonTargets[0]?.reason).toContain('no arterial enhancement at baseline');
    }
  });

  it('mRECIST keeps whole-lesion measurability: 12 mm lesion with a 6 mm enhancing part is a target, 8 mm lesion is not', () => {
    const a = lesion('Lesion 1', { longestDiameterMm: 12, viableLongestDiameterMm: 6 });
    const b = lesion('Lesion 2', { longestDiameterMm: 8, viableLongestDiameterMm: 8 });
    expect(selectTargets([a, b], MRECIST).targets).toEqual(['Lesion 1']);
  });

  it('a criterion quantity not measured at baseline keeps the lesion out of that criterion only', () => {
    const l = lesion('Lesion 1', { longestDiameterMm: 30 });
    expect(selectTargets([l], RECIST11).targets).toEqual(['Lesion 1']);
    const s = selectTargets([l], MRECIST);
    expect(s.targets).toEqual([]);
    expect(s.nonTargets[0]?.reason).toBe('viable longest diameter not measured at baseline');
  });
});
