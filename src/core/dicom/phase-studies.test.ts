import { describe, expect, it } from 'vitest';
import type { PhaseClassification, SeriesVolume } from './model';
import { classifyPhases } from './phase-classify';
import { DWI_EPI, T1_GRE, T2_SE, mr, tmPlus, type FixtureTags } from './phase-fixture';

/** Whole studies as the scanners write them; expected phases follow from the acquisition, not the code. */
const T0 = '100000';
const at = (seconds: number) => tmPlus(T0, seconds);

function classify(study: SeriesVolume[]): Map<string, PhaseClassification> {
  const out = classifyPhases(study);
  expect(out).toHaveLength(study.length);
  return new Map(study.map((v, i) => [v.id, out[i] as PhaseClassification]));
}

function phases(study: SeriesVolume[]): Record<string, string> {
  return Object.fromEntries([...classify(study)].map(([id, c]) => [id, c.phase]));
}

// --- (a) Siemens: every dynamic phase is 't1_vibe_fs_tra_dyn' ---------------------------------------
function siemensStudy(withStartTime: boolean): SeriesVolume[] {
  const start = withStartTime ? at(560) : null;
  const dyn = (id: string, t: number, agent: string) =>
    mr({
      SeriesInstanceUID: id,
      SeriesDescription: 't1_vibe_fs_tra_dyn',
      ProtocolName: 't1_vibe_fs_tra_dyn',
      ...T1_GRE,
      AcquisitionTime: at(t),
      ContrastBolusAgent: agent,
      ContrastBolusStartTime: agent ? start : null,
    });
  const dwi = (b: number) =>
    mr({
      SeriesInstanceUID: 'a.dwi',
      SeriesDescription: 'ep2d_diff_b50_400_800_tra',
      ProtocolName: 'ep2d_diff_b50_400_800_tra',
      ImageType: ['ORIGINAL', 'PRIMARY', 'DIFFUSION', 'NONE', 'ND', 'NORM'],
      ...DWI_EPI,
      DiffusionBValue: b,
      SeriesBValues: [50, 400, 800],
      AcquisitionTime: at(120),
    });
  const dixon = (id: string, suffix: string, type: string) =>
    mr({
      SeriesInstanceUID: id,
      SeriesDescription: `t1_vibe_dixon_tra_${suffix}`,
      ProtocolName: 't1_vibe_dixon_tra',
      ImageType: ['DERIVED', 'PRIMARY', 'DIXON', type],
      EchoTime: 2.39,
      RepetitionTime: 5.2,
      ScanningSequence: 'GR',
      AcquisitionTime: at(300),
    });
  return [
    mr({ SeriesInstanceUID: 'a.t2', SeriesDescription: 't2_haste_tra', ProtocolName: 't2_haste_tra', ...T2_SE, AcquisitionTime: at(0) }),
    dwi(50),
    dwi(400),
    dwi(800),
    mr({
      SeriesInstanceUID: 'a.adc',
      SeriesDescription: 'ep2d_diff_b50_400_800_tra_ADC',
      ProtocolName: 'ep2d_diff_b50_400_800_tra',
      ImageType: ['DERIVED', 'PRIMARY', 'DIFFUSION', 'ADC', 'ND', 'NORM'],
      ...DWI_EPI,
      AcquisitionTime: at(120),
    }),
    dixon('a.opp', 'opp', 'OPP_PHASE'),
    dixon('a.in', 'in', 'IN_PHASE'),
    dixon('a.w', 'W', 'WATER'),
    dyn('a.pre', 420, ''),
    dyn('a.art', 585, 'Dotarem'),
    dyn('a.pv', 630, 'Dotarem'),
    dyn('a.del', 740, 'Dotarem'),
  ];
}

describe('(a) Siemens: identical dynamic names, told apart by timing and contrast tags', () => {
  const expected = {
    'a.t2': 't2',
    'a.dwi#b=50': 'dwi',
    'a.dwi#b=400': 'dwi',
    'a.dwi#b=800': 'dwi',
    'a.adc': 'adc',
    'a.opp': 'other',
    'a.in': 'other',
    'a.w': 't1_pre',
    'a.pre': 't1_pre',
    'a.art': 'arterial',
    'a.pv': 'portal_venous',
    'a.del': 'delayed',
  };

  it('with ContrastBolusStartTime: 25 s arterial, 70 s portal venous, 180 s delayed', () => {
    expect(phases(siemensStudy(true))).toEqual(expected);
  });

  it('without it, agent tags and acquisition order still give the phases, with less confidence', () => {
    expect(phases(siemensStudy(false))).toEqual(expected);
    const sure = classify(siemensStudy(true));
    const unsure = classify(siemensStudy(false));
    for (const id of ['a.art', 'a.pv', 'a.del']) {
      expect(unsure.get(id)?.confidence).toBeLessThan(sure.get(id)?.confidence ?? 0);
    }
    expect(sure.get('a.art')?.confidence).toBeGreaterThan(0.6);
  });

  it('reasons name the evidence: timing, agent, order, Dixon image', () => {
    const c = classify(siemensStudy(true));
    const art = c.get('a.art')?.reasons.join('\n') ?? '';
    expect(art).toContain('acquired 25 s after contrast start (arterial window 15-35 s)');
    expect(art).toContain("2nd of 4 't1_vibe_fs_tra_dyn' by AcquisitionTime");
    expect(art).toContain("ContrastBolusAgent 'Dotarem' set");
    expect(c.get('a.pre')?.reasons.join('\n')).toContain("1st of 4 't1_vibe_fs_tra_dyn'");
    expect(c.get('a.opp')?.reasons.join('\n')).toContain('only the water / fat-suppressed image is read for enhancement');
  });
});

// --- (b) GE: phases named in LAVA-Flex descriptions, Dixon outputs prefixed ------------------------
function geStudy(): SeriesVolume[] {
  const lava = { ...T1_GRE, EchoTime: 1.7, ProtocolName: 'LIVER MRI' };
  const phase = (id: string, desc: string, t: number, agent: string, more: Partial<FixtureTags> = {}) =>
    mr({ SeriesInstanceUID: id, SeriesDescription: desc, ...lava, AcquisitionTime: at(t), ContrastBolusAgent: agent, ...more });
  const dwi = (b: number) =>
    mr({
      SeriesInstanceUID: 'b.dwi',
      SeriesDescription: 'Ax DWI b50,800',
      ProtocolName: 'LIVER MRI',
      ImageType: ['ORIGINAL', 'PRIMARY', 'OTHER'],
      ...DWI_EPI,
      DiffusionBValue: b,
      SeriesBValues: [50, 800],
    });
  return [
    mr({ SeriesInstanceUID: 'b.t2', SeriesDescription: 'Ax T2 SSFSE', ProtocolName: 'LIVER MRI', ...T2_SE }),
    dwi(50),
    dwi(800),
    mr({ SeriesInstanceUID: 'b.adc', SeriesDescription: 'ADC (10^-6 mm2/s)', ProtocolName: 'LIVER MRI', ImageType: ['DERIVED', 'SECONDARY', 'OTHER'], ...DWI_EPI }),
    phase('b.pre', 'Ax LAVA-Flex PRE', 0, ''),
    phase('b.art', 'Ax LAVA-Flex ART', 150, 'Gadavist'),
    phase('b.pv', 'Ax LAVA-Flex PV', 195, 'Gadavist'),
    phase('b.3min', 'Ax LAVA-Flex 3 MIN', 360, 'Gadavist'),
    phase('b.w.pre', 'WATER: Ax LAVA-Flex PRE', 0, ''),
    phase('b.w.art', 'WATER: Ax LAVA-Flex ART', 150, 'Gadavist'),
    phase('b.w.pv', 'WATER: Ax LAVA-Flex PV', 195, 'Gadavist'),
    phase('b.w.3min', 'WATER: Ax LAVA-Flex 3 MIN', 360, 'Gadavist'),
    phase('b.fat.pv', 'FAT: Ax LAVA-Flex PV', 195, 'Gadavist'),
    phase('b.ip.pre', 'InPhase: Ax LAVA-Flex PRE', 0, ''),
    phase('b.op.pre', 'OutPhase: Ax LAVA-Flex PRE', 0, ''),
  ];
}

describe('(b) GE LAVA-Flex with named phases', () => {
  it('reads PRE / ART / PV / 3 MIN, excludes fat and in/out-phase images', () => {
    expect(phases(geStudy())).toEqual({
      'b.t2': 't2',
      'b.dwi#b=50': 'dwi',
      'b.dwi#b=800': 'dwi',
      'b.adc': 'adc',
      'b.pre': 't1_pre',
      'b.art': 'arterial',
      'b.pv': 'portal_venous',
      'b.3min': 'delayed',
      'b.w.pre': 't1_pre',
      'b.w.art': 'arterial',
      'b.w.pv': 'portal_venous',
      'b.w.3min': 'delayed',
      'b.fat.pv': 'other',
      'b.ip.pre': 'other',
      'b.op.pre': 'other',
    });
  });

  it('the exam-wide ProtocolName does not vote, the WATER: prefix is noted', () => {
    const c = classify(geStudy());
    expect(c.get('b.3min')?.reasons.join('\n')).toContain("says '3 min' (delayed/transitional window 120-300 s)");
    expect(c.get('b.w.art')?.reasons.join('\n')).toContain('Dixon water image');
    expect(c.get('b.art')?.reasons.some((r) => r.includes('ProtocolName'))).toBe(false);
  });
});

describe('(b) GE multi-phase LAVA-Flex MPH after a separate PRE series', () => {
  it('takes the first MPH position as arterial and places the others by their gaps', () => {
    const lava = { ...T1_GRE, EchoTime: 1.7 };
    const mph = (tpi: number, t: number) =>
      mr({
        SeriesInstanceUID: 'b.mph',
        SeriesDescription: 'WATER: Ax LAVA-Flex MPH',
        ...lava,
        TemporalPositionIdentifier: tpi,
        NumberOfTemporalPositions: 3,
        AcquisitionTime: at(t),
        ContrastBolusAgent: 'Gadavist',
      });
    const pre = mr({ SeriesInstanceUID: 'b.pre', SeriesDescription: 'WATER: Ax LAVA-Flex PRE', ...lava, AcquisitionTime: at(0) });
    const study = [pre, mph(1, 150), mph(2, 195), mph(3, 330)];
    expect(phases(study)).toEqual({
      'b.pre': 't1_pre',
      'b.mph#t=1': 'arterial',
      'b.mph#t=2': 'portal_venous',
      'b.mph#t=3': 'delayed',
    });
  });
});

// --- (c) Philips with gadoxetate: split 4-phase dynamic and a 20 min hepatobiliary phase -------------
function philipsStudy(): SeriesVolume[] {
  const thrive = { EchoTime: 1.9, RepetitionTime: 4.1, ScanningSequence: 'GR', ProtocolName: 'DYN_eTHRIVE' };
  const start = at(120);
  const dynamic = [90, 140, 190, 300].map((t, i) =>
    mr({
      SeriesInstanceUID: 'c.dyn',
      SeriesDescription: 'DYN_eTHRIVE',
      ...thrive,
      TemporalPositionIdentifier: i + 1,
      NumberOfTemporalPositions: 4,
      AcquisitionTime: at(t),
      ContrastBolusAgent: 'Primovist',
      ContrastBolusStartTime: start,
    }),
  );
  const dixon = (id: string, desc: string) =>
    mr({ SeriesInstanceUID: id, SeriesDescription: desc, ProtocolName: 'mDIXON', EchoTime: 1.8, RepetitionTime: 5.5, ScanningSequence: 'GR', AcquisitionTime: at(0) });
  const dwi = (b: number) =>
    mr({
      SeriesInstanceUID: 'c.dwi',
      SeriesDescription: 'DWI_SPAIR',
      ImageType: ['ORIGINAL', 'PRIMARY', 'M_SE', 'M', 'SE'],
      EchoTime: 70,
      RepetitionTime: 3000,
      ScanningSequence: 'SE',
      DiffusionBValue: b,
      SeriesBValues: [0, 600],
    });
  return [
    mr({ SeriesInstanceUID: 'c.t2', SeriesDescription: 'T2W_TSE', EchoTime: 80, RepetitionTime: 2000, ScanningSequence: 'SE' }),
    dwi(0),
    dwi(600),
    mr({ SeriesInstanceUID: 'c.adc', SeriesDescription: 'DWI_SPAIR_ADC', ImageType: ['DERIVED', 'PRIMARY', 'ADC'], EchoTime: 70, RepetitionTime: 3000 }),
    dixon('c.w', 'mDIXON W'),
    dixon('c.f', 'mDIXON F'),
    dixon('c.ip', 'mDIXON IP'),
    dixon('c.op', 'mDIXON OP'),
    ...dynamic,
    mr({
      SeriesInstanceUID: 'c.hbp',
      SeriesDescription: 'eTHRIVE 20min',
      ...thrive,
      ProtocolName: 'eTHRIVE',
      AcquisitionTime: at(120 + 1200),
      ContrastBolusAgent: 'Primovist',
      ContrastBolusStartTime: start,
    }),
  ];
}

describe('(c) Philips eTHRIVE / mDIXON with gadoxetate', () => {
  it('classifies each temporal position of the split dynamic by its own acquisition time', () => {
    expect(phases(philipsStudy())).toEqual({
      'c.t2': 't2',
      'c.dwi#b=0': 'dwi',
      'c.dwi#b=600': 'dwi',
      'c.adc': 'adc',
      'c.w': 't1_pre',
      'c.f': 'other',
      'c.ip': 'other',
      'c.op': 'other',
      'c.dyn#t=1': 't1_pre',
      'c.dyn#t=2': 'arterial',
      'c.dyn#t=3': 'portal_venous',
      'c.dyn#t=4': 'delayed',
      'c.hbp': 'hepatobiliary',
    });
  });

  it('gadoxetate at 20 min is hepatobiliary, with both timing and name as reasons', () => {
    const hbp = classify(philipsStudy()).get('c.hbp');
    const text = hbp?.reasons.join('\n') ?? '';
    expect(text).toContain("agent 'Primovist' (gadoxetate)");
    expect(text).toContain("says '20min'");
    expect(hbp?.confidence).toBeGreaterThan(0.7);
  });

  it('a long echo on the Philips DWI is listed as evidence against, and DWI still wins', () => {
    const dwi = classify(philipsStudy()).get('c.dwi#b=600');
    expect(dwi?.phase).toBe('dwi');
    expect(dwi?.reasons.some((r) => r.startsWith('against (+2 t2): EchoTime 70 ms'))).toBe(true);
  });
});

// --- (d) DCE with 30 temporal positions --------------------------------------------------------------
describe('(d) DCE series with 30 temporal positions', () => {
  const dce = (tpi: number | null, n: number | null) =>
    mr({
      SeriesInstanceUID: 'd.dce',
      SeriesDescription: 'twist_vibe_tra_dce',
      ...T1_GRE,
      TemporalPositionIdentifier: tpi,
      NumberOfTemporalPositions: n,
      AcquisitionTime: at((tpi ?? 1) * 4),
      ContrastBolusAgent: 'Dotarem',
      ContrastBolusStartTime: at(20),
    });

  it('every split position is dce_dynamic, including the one at arterial timing', () => {
    const study = Array.from({ length: 30 }, (_, i) => dce(i + 1, 30));
    const out = classifyPhases(study);
    expect(new Set(out.map((c) => c.phase))).toEqual(new Set(['dce_dynamic']));
    expect(out[11]?.reasons.join('\n')).toContain('series holds 30 temporal positions');
  });

  it('the unsplit series is dce_dynamic too', () => {
    expect(classifyPhases([dce(null, 30)]).map((c) => c.phase)).toEqual(['dce_dynamic']);
  });
});

// --- (e) scanner subtraction -------------------------------------------------------------------------
describe('(e) scanner subtraction', () => {
  it("'SUB_t1_vibe_art' is a subtraction, its source stays arterial", () => {
    const source = mr({ SeriesInstanceUID: 'e.art', SeriesDescription: 't1_vibe_fs_tra_art', ...T1_GRE, ContrastBolusAgent: 'Dotarem' });
    const sub = mr({
      SeriesInstanceUID: 'e.sub',
      SeriesDescription: 'SUB_t1_vibe_art',
      ImageType: ['DERIVED', 'PRIMARY', 'SUBTRACTION', 'ND'],
      ...T1_GRE,
      ContrastBolusAgent: 'Dotarem',
    });
    const byName = mr({ SeriesInstanceUID: 'e.sub2', SeriesDescription: 'Ax LAVA-Flex ART SUB', ...T1_GRE });
    expect(phases([source, sub, byName])).toEqual({ 'e.art': 'arterial', 'e.sub': 'subtraction', 'e.sub2': 'subtraction' });
    const c = classify([source, sub]).get('e.sub');
    expect(c?.confidence).toBeGreaterThan(0.9);
  });
});
