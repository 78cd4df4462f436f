import { describe, expect, it } from 'vitest';
import { HccError } from '../errors';
import { assessResponse } from './assess';
import { assessPair, lesion, tp } from './test-fixtures';
import { CRITERION_IDS, type LesionInput, type TimePointInput } from './types';

const ld = (label: string, mm: number | null) => lesion(label, { longestDiameterMm: mm });
/** Two RECIST targets of equal size: sum = 2 x mm. */
const pair = (mm: number, extra: Omit<TimePointInput, 'lesions'> = {}) => tp([ld('Lesion 1', mm), ld('Lesion 2', mm)], extra);

/** Every criterion measurable: d x d mm, fully enhancing, volume v mL (enhancing volume e mL). */
function full(label: string, d: number, v: number, e = v, viable = d): LesionInput {
  return lesion(label, {
    longestDiameterMm: d,
    perpendicularDiameterMm: d,
    viableLongestDiameterMm: viable,
    viablePerpendicularDiameterMm: viable,
    volumeMl: v,
    enhancingVolumeMl: e,
  });
}

describe('nadir vs baseline', () => {
  it('PD vs nadir although still below baseline: 100 -> 60 -> 74 mm', () => {
    const [fu1, fu2] = assessResponse([pair(50), pair(30), pair(37)]);
    // FU1: (60 - 100) * 100 / 100 = -40 % -> PR.
    expect(fu1?.criteria.recist11.category).toBe('PR');
    // FU2: vs baseline (74 - 100) / 100 = -26 %; vs nadir 60: +14 mm, 14 / 60 = +23.3 % -> PD.
    const r = fu2?.criteria.recist11;
    expect(r?.category).toBe('PD');
    expect(r?.changeFromBaselinePct).toBe(-26);
    expect(r?.changeFromNadirPct).toBeCloseTo(23.333333, 5);
    expect(r?.nadirSum).toBe(60);
    expect(r?.nadirTimePoint).toBe(1);
    expect(fu2?.vsNadir).toBe(1);
  });

  it('PD vs nadir wins over a PR-sized decrease vs baseline: 100 -> 40 -> 60 mm', () => {
    const fu2 = assessResponse([pair(50), pair(20), pair(30)])[1];
    // vs baseline -40 % would be PR, but vs nadir 40: +20 mm = +50 % -> PD.
    expect(fu2?.criteria.recist11.category).toBe('PD');
  });

  it('four time points carry the nadir: 80 -> 60 -> 54 -> 66 mm is SD, PR, PD', () => {
    const out = assessResponse([pair(40), pair(30), pair(27), pair(33)]);
    // FU1: -20/80 = -25 % SD. FU2: -26/80 = -32.5 % PR (vs nadir 60: -10 %).
    // FU3: vs baseline -14/80 = -17.5 %; vs nadir 54: +12 mm, +22.2 % -> PD.
    expect(out.map((r) => r.criteria.recist11.category)).toEqual(['SD', 'PR', 'PD']);
    expect(out.map((r) => r.criteria.recist11.nadirTimePoint)).toEqual([0, 1, 2]);
    expect(out[1]?.criteria.recist11.changeFromBaselinePct).toBe(-32.5);
    expect(out[1]?.criteria.recist11.changeFromNadirPct).toBe(-10);
    expect(out.map((r) => r.timePoint)).toEqual([1, 2, 3]);
  });

  it('an NE time point does not feed the nadir', () => {
    // FU1 lacks Lesion 2, so its partial 20 mm must not become the nadir; FU2 = 70 mm vs nadir 80 is SD.
    const out = assessResponse([pair(40), tp([ld('Lesion 1', 20), ld('Lesion 2', null)]), pair(35)]);
    expect(out[0]?.criteria.recist11.category).toBe('NE');
    expect(out[1]?.criteria.recist11.category).toBe('SD');
    expect(out[1]?.criteria.recist11.nadirTimePoint).toBe(0);
  });
});

describe('NE for missing data', () => {
  it('a target with a null measurement, or missing from the time point, gives NE with null sums', () => {
    for (const follow of [tp([ld('Lesion 1', 30), ld('Lesion 2', null)]), tp([ld('Lesion 1', 30)])]) {
      const r = assessResponse([pair(40), follow])[0]?.criteria.recist11;
      expect(r?.category).toBe('NE');
      expect(r?.sum).toBeNull();
      expect(r?.changeFromBaselinePct).toBeNull();
      expect(r?.reasons.join(' ')).toContain('not measured at this time point: Lesion 2');
    }
  });

  it('but PD when the measured targets alone already progress: 80 -> 100 mm of Lesion 1 alone', () => {
    // Nadir 80 (40 + 40); Lesion 1 alone 100 mm = +25 %, +20 mm; Lesion 2 can only add to it.
    const r = assessResponse([pair(40), tp([ld('Lesion 1', 100), ld('Lesion 2', null)])])[0]?.criteria.recist11;
    expect(r?.category).toBe('PD');
    expect(r?.sum).toBeNull();
  });

  it('no qualifying target for a criterion gives NE for it only', () => {
    const base = [lesion('Lesion 1', { longestDiameterMm: 30, viableLongestDiameterMm: 0 })];
    const follow = [lesion('Lesion 1', { longestDiameterMm: 30, viableLongestDiameterMm: 0 })];
    const r = assessPair('mrecist', base, follow);
    expect(r.category).toBe('NE');
    expect(r.targets).toEqual([]);
    expect(r.reasons.join(' ')).toContain('No target lesion qualifies for mRECIST at baseline');
    expect(assessPair('recist11', base, follow).category).toBe('SD');
  });
});

describe('targets differ between size and enhancement criteria', () => {
  it('a lesion not enhancing at baseline counts for RECIST but not for mRECIST', () => {
    const base = [
      lesion('Lesion 1', { longestDiameterMm: 50, viableLongestDiameterMm: 0 }),
      lesion('Lesion 2', { longestDiameterMm: 30, viableLongestDiameterMm: 30 }),
    ];
    const follow = [
      lesion('Lesion 1', { longestDiameterMm: 70, viableLongestDiameterMm: 0 }),
      lesion('Lesion 2', { longestDiameterMm: 30, viableLongestDiameterMm: 18 }),
    ];
    const r = assessResponse([tp(base), tp(follow)])[0];
    // RECIST: 50 + 30 = 80 -> 70 + 30 = 100 mm: +25 %, +20 mm -> PD.
    expect(r?.criteria.recist11.category).toBe('PD');
    // mRECIST: Lesion 2 only, viable 30 -> 18 mm = -40 % -> PR.
    expect(r?.criteria.mrecist.targets).toEqual(['Lesion 2']);
    expect(r?.criteria.mrecist.changeFromBaselinePct).toBe(-40);
    expect(r?.criteria.mrecist.category).toBe('PR');
  });
});

describe('CR and persisting non-targets', () => {
  it('targets gone, non-targets absent: CR', () => {
    expect(assessResponse([pair(40, { nonTargetStatus: 'present' }), pair(0, { nonTargetStatus: 'absent' })])[0]?.criteria.recist11.category).toBe('CR');
  });

  it('targets gone, non-targets present: PR, and the reason says why not CR', () => {
    const r = assessResponse([pair(40, { nonTargetStatus: 'present' }), pair(0, { nonTargetStatus: 'present' })])[0]?.criteria.recist11;
    expect(r?.category).toBe('PR');
    expect(r?.reasons.join(' ')).toContain('PR, not CR');
    expect(r?.reasons.join(' ')).toContain('the reader records non-target lesions present');
  });

  it('targets gone, non-targets recorded at baseline but not assessed now: PR (not evaluated)', () => {
    const r = assessResponse([pair(40, { nonTargetStatus: 'present' }), pair(0)])[0]?.criteria.recist11;
    expect(r?.category).toBe('PR');
    expect(r?.reasons.join(' ')).toContain('not assessed at this time point');
  });

  it('a non-measurable baseline lesion (8 mm) is a non-target: still 6 mm blocks CR, 0 mm allows it', () => {
    const base = tp([ld('Lesion 1', 40), ld('Lesion 3', 8)]);
    expect(assessResponse([base, tp([ld('Lesion 1', 0), ld('Lesion 3', 6)])])[0]?.criteria.recist11.category).toBe('PR');
    expect(assessResponse([base, tp([ld('Lesion 1', 0), ld('Lesion 3', 0)])])[0]?.criteria.recist11.category).toBe('CR');
  });

  it('disease reappearing after CR is PD: 60 -> 0 -> 6 mm', () => {
    const out = assessResponse([pair(30), pair(0), tp([ld('Lesion 1', 6), ld('Lesion 2', 0)])]);
    expect(out.map((r) => r.criteria.recist11.category)).toEqual(['CR', 'PD']);
    expect(out[1]?.criteria.recist11.changeFromNadirPct).toBeNull();
  });
});

describe('new lesions and non-target progression', () => {
  const base = tp([full('Lesion 1', 40, 33.5), full('Lesion 2', 30, 14)]);
  // Every sum halves or better (a PR under every criterion without the new lesion).
  const better = [full('Lesion 1', 20, 4), full('Lesion 2', 15, 1.7)];

  it('the follow-up without new lesions is PR everywhere (control)', () => {
    const r = assessResponse([base, tp(better)])[0];
    for (const id of CRITERION_IDS) expect(r?.criteria[id].category).toBe('PR');
  });

  it('any new lesion is PD under every criterion', () => {
    const r = assessResponse([base, tp(better, { newLesion: true })])[0];
    for (const id of CRITERION_IDS) {
      expect(r?.criteria[id].category).toBe('PD');
      expect(r?.criteria[id].reasons.join(' ')).toContain('new lesion recorded');
    }
  });

  it('unequivocal non-target progression is PD under every criterion', () => {
    const r = assessResponse([base, tp(better, { nonTargetStatus: 'unequivocalProgression' })])[0];
    for (const id of CRITERION_IDS) expect(r?.criteria[id].category).toBe('PD');
  });

  it('a new lesion is PD even where a target is unmeasured (NE otherwise)', () => {
    const r = assessResponse([base, tp([full('Lesion 1', 20, 4)], { newLesion: true })])[0];
    expect(r?.criteria.recist11.category).toBe('PD');
  });
});

describe('output shape and input checks', () => {
  it('one entry per follow-up with the DESIGN fields; none for baseline alone', () => {
    expect(assessResponse([])).toEqual([]);
    expect(assessResponse([pair(40)])).toEqual([]);
    const r = assessResponse([pair(40), pair(40, { label: 'FU1' })])[0];
    expect(r?.timePoint).toBe(1);
    expect(r?.label).toBe('FU1');
    expect(r?.vsBaseline).toBe(0);
    expect(Object.keys(r?.criteria ?? {})).toEqual([...CRITERION_IDS]);
    expect(r?.lesions[0]?.ktransChangePct).toBeNull();
    expect(r?.adcChangePct).toBeNull();
  });

  it('Ktrans % change appears once Ktrans is measured at both time points', () => {
    const r = assessResponse([tp([{ ...ld('Lesion 1', 30), ktransPerMin: 0.2 }]), tp([{ ...ld('Lesion 1', 30), ktransPerMin: 0.1 }])])[0];
    expect(r?.lesions[0]?.ktransChangePct).toBe(-50);
  });

  it('accepts omitted measurements (JSON) as null', () => {
    const partial = { label: 'Lesion 1', longestDiameterMm: 30 } as unknown as LesionInput;
    // 30 -> 25 mm = -16.7 %: SD; mRECIST has no viable diameter at all: NE.
    const r = assessResponse([tp([partial]), tp([{ ...partial, longestDiameterMm: 25 }])])[0];
    expect(r?.criteria.recist11.category).toBe('SD');
    expect(r?.criteria.mrecist.category).toBe('NE');
  });

  it.each([
    ['duplicate labels', [tp([ld('Lesion 1', 30), ld('Lesion 1', 20)])]],
    ['a negative diameter', [tp([ld('Lesion 1', -1)])]],
    ['a NaN volume', [tp([lesion('Lesion 1', { volumeMl: Number.NaN })])]],
    ['a T1 fraction above 1', [tp([lesion('Lesion 1', { t1HyperintenseFraction: 12 })])]],
    ['an unknown non-target status', [tp([], { nonTargetStatus: 'gone' as unknown as 'absent' })]],
  ])('rejects %s with INVALID_INPUT', (_name, points) => {
    expect(() => assessResponse(points)).toThrow(HccError);
    try {
      assessResponse(points);
    } catch (e) {
      expect((e as HccError).code).toBe('INVALID_INPUT');
    }
  });
});
