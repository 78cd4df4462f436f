import { describe, expect, it } from 'vitest';
import type { PhaseClassification, SeriesVolume } from './model';
import { classifyPhases, tally } from './phase-classify';
import { T1_GRE, mr, tmPlus, type FixtureTags } from './phase-fixture';
import type { Vote } from './phase-types';

const T0 = '100000';
const at = (seconds: number) => tmPlus(T0, seconds);
const vote = (target: string, weight: number): Vote => ({ ruleId: 'r', target, weight, reason: `${target} ${weight}` });
const one = (study: SeriesVolume[], index = 0): PhaseClassification => {
  const c = classifyPhases(study)[index];
  if (!c) throw new Error('no result');
  return c;
};
const lava = (id: string, desc: string, more: Partial<FixtureTags> = {}) =>
  mr({ SeriesInstanceUID: id, SeriesDescription: desc, ...T1_GRE, ...more });
/** A post-contrast series with a recorded injection time, plus a pre without agent in the same study. */
const timed = (desc: string, seconds: number, agent = 'Dotarem'): SeriesVolume[] => [
  lava('x', desc, { AcquisitionTime: at(seconds), ContrastBolusAgent: agent, ContrastBolusStartTime: T0 }),
  lava('pre', 'Ax LAVA PRE', { AcquisitionTime: at(-60) }),
];

describe('tally (how votes combine)', () => {
  it('one strong vote: confidence 1 - 1/e', () => {
    const t = tally([vote('arterial', 3)], ['arterial', 'portal_venous']);
    expect(t.winner).toBe('arterial');
    expect(t.confidence).toBeCloseTo(1 - Math.exp(-1), 10);
  });

  it('opposing evidence lowers confidence by the winner share', () => {
    const t = tally([vote('portal_venous', 3), vote('arterial', 2)], ['arterial', 'portal_venous']);
    expect(t.winner).toBe('portal_venous');
    expect(t.runnerUp).toEqual({ target: 'arterial', score: 2 });
    expect(t.confidence).toBeCloseTo((3 / 5) * (1 - Math.exp(-1)), 10);
  });

  it('a vote against a loser is not a conflict', () => {
    const t = tally([vote('t1_pre', -3), vote('arterial', 2)], ['t1_pre', 'arterial']);
    expect(t.winner).toBe('arterial');
    expect(t.confidence).toBeCloseTo(1 - Math.exp(-2 / 3), 10);
  });

  it('a tie goes to the target with more supporting rules', () => {
    const t = tally([vote('arterial', 3), vote('portal_venous', 2), vote('portal_venous', 1)], ['arterial', 'portal_venous']);
    expect(t.winner).toBe('portal_venous');
  });

  it('nothing above zero: no winner', () => {
    const t = tally([vote('hepatobiliary', 3), vote('hepatobiliary', -3)], ['hepatobiliary']);
    expect(t.winner).toBeNull();
    expect(t.confidence).toBe(0);
  });
});

describe('classifyPhases contract', () => {
  it('returns one result per volume, in input order', () => {
    const a = lava('a', 'Ax LAVA-Flex PRE');
    const b = mr({ SeriesInstanceUID: 'b', SeriesDescription: 'Ax T2 SSFSE', EchoTime: 90, RepetitionTime: 1500 });
    const c = mr({ SeriesInstanceUID: 'c', SeriesDescription: 'ADC' });
    expect(classifyPhases([])).toEqual([]);
    expect(classifyPhases([a, b, c]).map((r) => r.phase)).toEqual(['t1_pre', 't2', 'adc']);
    expect(classifyPhases([c, a, b]).map((r) => r.phase)).toEqual(['adc', 't1_pre', 't2']);
  });

  it('never sets overridden and keeps confidence in 0..1', () => {
    for (const r of classifyPhases([...timed('Ax LAVA ART', 25), mr({ SeriesInstanceUID: 'q' })])) {
      expect(r.overridden).toBeUndefined();
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('no evidence at all: other, confidence 0, saying why', () => {
    const r = one([mr({ SeriesInstanceUID: 'q', SeriesDescription: 'Series 7' })]);
    expect(r).toMatchObject({ phase: 'other', confidence: 0 });
    expect(r.reasons[0]).toContain('no sequence-type evidence');
  });

  it('a T1 series with nothing about its phase is other, for the user to set', () => {
    const study = [lava('a', 't1_vibe_fs_tra', { ContrastBolusAgent: 'Dotarem' }), lava('b', 't1_vibe_fs_cor', { ContrastBolusAgent: 'Dotarem' })];
    const r = one(study);
    expect(r.phase).toBe('other');
    expect(r.reasons[0]).toContain('no evidence of its contrast phase');
  });

  it('a phase name without any sequence evidence implies T1, with reduced confidence', () => {
    const r = one([mr({ SeriesInstanceUID: 'q', SeriesDescription: 'Arterial' })]);
    expect(r.phase).toBe('arterial');
    expect(r.confidence).toBeLessThanOrEqual(0.6 * (1 - Math.exp(-1)) + 0.005);
    expect(r.reasons[1]).toContain('implies a contrast T1 series');
  });

  it('a derived/excluded role wins over T1 evidence and lists only its own evidence', () => {
    const r = one([lava('f', 'FAT: Ax LAVA-Flex PV', { ContrastBolusAgent: 'Gadavist' })]);
    expect(r.phase).toBe('other');
    expect(r.reasons.some((x) => x.includes("'fat'"))).toBe(true);
    expect(r.reasons.some((x) => x.includes('portal venous'))).toBe(false);
  });
});

describe('(f) conflicting evidence', () => {
  it("a weak 'AP' in the name does not beat a recorded 72 s: portal venous, lower confidence, both reasons", () => {
    const conflict = one(timed('Ax LAVA AP', 72));
    const agree = one(timed('Ax LAVA PV', 72));
    expect(conflict.phase).toBe('portal_venous');
    expect(agree.phase).toBe('portal_venous');
    expect(conflict.confidence).toBeLessThan(agree.confidence);
    expect(conflict.confidence).toBeLessThan(0.4);
    expect(conflict.reasons[0]).toContain('conflicting evidence');
    expect(conflict.reasons).toContainEqual(expect.stringMatching(/^against \(\+2 arterial\): SeriesDescription 'Ax LAVA AP' contains 'ap'/));
    expect(conflict.reasons).toContainEqual(expect.stringMatching(/^for \(\+3 portal_venous\): acquired 72 s after contrast start/));
  });

  it("'art' in the name against 75 s after injection: a tie, low confidence, both listed", () => {
    const r = one(timed('t1_vibe_fs_tra_art', 75));
    const sure = one(timed('t1_vibe_fs_tra_art', 27));
    expect(['arterial', 'portal_venous']).toContain(r.phase);
    expect(sure.phase).toBe('arterial');
    expect(r.confidence).toBeLessThan(0.35);
    expect(sure.confidence).toBeGreaterThan(r.confidence + 0.3);
    expect(r.reasons[0]).toContain('(tie)');
    const text = r.reasons.join('\n');
    expect(text).toContain("contains 'art' (arterial keyword)");
    expect(text).toContain('acquired 75 s after contrast start (portal venous window 50-100 s)');
  });

  it('named hepatobiliary after an extracellular agent: delayed, keyword listed against', () => {
    const r = one(timed('t1_vibe_fs_tra_HBP', 1200, 'Dotarem'));
    expect(r.phase).toBe('delayed');
    expect(r.reasons).toContainEqual(expect.stringMatching(/^against \(\+3 hepatobiliary\): SeriesDescription/));
    expect(r.reasons).toContainEqual(expect.stringMatching(/^for \(-3 hepatobiliary\): named hepatobiliary but agent 'Dotarem' is extracellular/));
    expect(r.confidence).toBeLessThan(0.5);
  });

  it('the same late series after gadoxetate is hepatobiliary with high confidence', () => {
    const r = one(timed('t1_vibe_fs_tra_HBP', 1200, 'Primovist'));
    expect(r.phase).toBe('hepatobiliary');
    expect(r.confidence).toBeGreaterThan(0.6);
  });

  it('a TE/TR that contradicts a T1 name lowers the family confidence and is listed', () => {
    const clean = one([lava('a', 't1_vibe_fs_tra_art', { ContrastBolusAgent: 'Dotarem' })]);
    const odd = one([mr({ SeriesInstanceUID: 'a', SeriesDescription: 't1_vibe_fs_tra_art', EchoTime: 90, RepetitionTime: 1500, ScanningSequence: 'SE' })]);
    expect(odd.phase).toBe('arterial');
    expect(odd.confidence).toBeLessThan(clean.confidence);
    expect(odd.reasons).toContainEqual(expect.stringMatching(/^against \(\+2 t2\): EchoTime 90 ms/));
  });
});
