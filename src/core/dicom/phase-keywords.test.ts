import { describe, expect, it } from 'vitest';
import {
  ARTERIAL_ABBREVIATIONS,
  ARTERIAL_WORDS,
  DIXON_NON_WATER_WORDS,
  DIXON_WATER_WORDS,
  DWI_WORDS,
  PORTAL_VENOUS_WORDS,
  PRE_WORDS,
  SUBTRACTION_WORDS,
  T1_WORDS,
  T2_WORDS,
  findKeywords,
  findNamedDelays,
  hasPhaseWording,
  normaliseName,
} from './phase-keywords';

describe('normaliseName', () => {
  it('turns vendor separators into single spaces and keeps decimals', () => {
    expect(normaliseName('t1_vibe_fs_tra_dyn')).toBe('t1 vibe fs tra dyn');
    expect(normaliseName('WATER: Ax LAVA-Flex PRE')).toBe('water ax lava flex pre');
    expect(normaliseName('ADC (10^-6 mm2/s)')).toBe('adc 10 6 mm2 s');
    expect(normaliseName('HBP 3.5 min.')).toBe('hbp 3.5 min');
  });
});

describe('word boundaries', () => {
  it("does not find 'art' in 'start' nor 'ap' in 'caipirinha'", () => {
    expect(findKeywords('t1_start_tra', ARTERIAL_WORDS)).toEqual([]);
    expect(findKeywords('t1_vibe_caipirinha_tra', ARTERIAL_ABBREVIATIONS)).toEqual([]);
    expect(findKeywords('Ax LAVA AP', ARTERIAL_ABBREVIATIONS)).toEqual(['ap']);
  });

  it("finds 'art' next to digits and separators, and 'late art' as arterial", () => {
    expect(findKeywords('t1_vibe_art2', ARTERIAL_WORDS)).toEqual(['art']);
    expect(findKeywords('late art', ARTERIAL_WORDS)).toEqual(['art']);
    expect(findKeywords('Ax 3D T1 pre/art/pv', ARTERIAL_WORDS)).toEqual(['art']);
  });

  it("does not find 'pv' inside words and finds PVP", () => {
    expect(findKeywords('t1_spvx_tra', PORTAL_VENOUS_WORDS)).toEqual([]);
    expect(findKeywords('3D PVP', PORTAL_VENOUS_WORDS)).toEqual(['pvp']);
    expect(findKeywords('portal venous', PORTAL_VENOUS_WORDS)).toEqual(['portal venous']);
  });

  it("'pre' needs its own word ('prep' is not pre-contrast)", () => {
    expect(findKeywords('t1_prep_tra', PRE_WORDS)).toEqual([]);
    expect(findKeywords('Ax 3D T1 PRE C', PRE_WORDS)).toEqual(['pre']);
    expect(findKeywords('unenhanced', PRE_WORDS)).toEqual(['unenhanced']);
  });

  it("'fat sat' is fat suppression, not a Dixon fat image", () => {
    expect(findKeywords('t2 tse fat sat', DIXON_NON_WATER_WORDS)).toEqual([]);
    expect(findKeywords('FAT: Ax LAVA-Flex', DIXON_NON_WATER_WORDS)).toEqual(['fat']);
    expect(findKeywords('InPhase: Ax LAVA-Flex', DIXON_NON_WATER_WORDS)).toEqual(['inphase']);
    expect(findKeywords('t1_vibe_dixon_tra_opp', DIXON_NON_WATER_WORDS)).toEqual(['opp']);
  });

  it("single letters stay whole tokens ('w' not in 't2w')", () => {
    expect(findKeywords('T2W_TSE', DIXON_WATER_WORDS)).toEqual([]);
    expect(findKeywords('mDIXON W', DIXON_WATER_WORDS)).toEqual(['w']);
  });

  it("'sub' is found as a word but not in 'subclavian'", () => {
    expect(findKeywords('SUB_t1_vibe_art', SUBTRACTION_WORDS)).toEqual(['sub']);
    expect(findKeywords('subclavian', SUBTRACTION_WORDS)).toEqual([]);
  });

  it('sequence vocabularies of the four vendors', () => {
    expect(findKeywords('eTHRIVE', T1_WORDS)).toEqual(['ethrive']);
    expect(findKeywords('Quick 3D', T1_WORDS)).toEqual(['quick 3d']);
    expect(findKeywords('StarVIBE', T1_WORDS)).toEqual(['starvibe']);
    expect(findKeywords('Ax T2 SSFSE', T2_WORDS)).toEqual(['t2', 'ssfse']);
    expect(findKeywords('T2W_TSE', T2_WORDS)).toEqual(['t2w', 'tse']);
    expect(findKeywords('DWI_SPAIR', T2_WORDS)).toEqual([]);
    expect(findKeywords('ep2d_diff_b50_400_800_tra', DWI_WORDS)).toEqual(['diff', 'b50']);
    expect(findKeywords('Ax DWI b50,800', DWI_WORDS)).toEqual(['dwi', 'b50']);
  });
});

describe('delays written in names', () => {
  it('reads minutes and seconds in the usual spellings', () => {
    expect(findNamedDelays('Ax LAVA-Flex 3 MIN')).toEqual([{ seconds: 180, text: '3 min' }]);
    expect(findNamedDelays('t1_vibe_20min')).toEqual([{ seconds: 1200, text: '20min' }]);
    expect(findNamedDelays('PV 70s')).toEqual([{ seconds: 70, text: '70s' }]);
    expect(findNamedDelays('HBP 3.5 min')).toEqual([{ seconds: 210, text: '3.5 min' }]);
  });

  it('ignores numbers that are not delays', () => {
    expect(findNamedDelays('ADC (10^-6 mm2/s)')).toEqual([]);
    expect(findNamedDelays('Ax 3D T1')).toEqual([]);
    expect(findNamedDelays('t1_vibe_fs_tra_dyn')).toEqual([]);
  });

  it('hasPhaseWording separates identical dynamic names from phase names', () => {
    expect(hasPhaseWording('t1_vibe_fs_tra_dyn')).toBe(false);
    expect(hasPhaseWording('DYN_eTHRIVE')).toBe(false);
    expect(hasPhaseWording('Ax LAVA-Flex 3 MIN')).toBe(true);
    expect(hasPhaseWording('t1_vibe_fs_tra_post')).toBe(true);
  });
});
