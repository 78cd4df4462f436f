import { describe, expect, it } from 'vitest';
import type { SeriesVolume } from './model';
import { buildPhaseContext, buildStudyContext } from './phase-context';
import { DWI_EPI, T1_GRE, T2_SE, mr, tmPlus, type FixtureTags } from './phase-fixture';
import { PHASE_RULES } from './phase-rules';
import { ASSUMED_FIRST_POST_SEC, TIME_WINDOWS, type AgentClass, type TimeWindow } from './phase-timing';

/** Runs one rule on `volume` inside a study made of it and `others` (all T1 for the phase stage). */
function run(ruleId: string, volume: SeriesVolume, others: SeriesVolume[] = []): string | null {
  const rule = PHASE_RULES.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const study = [volume, ...others];
  const ctx = buildStudyContext(study);
  if (rule.stage !== 'phase') return rule.evaluate(volume, ctx);
  return rule.evaluate(volume, buildPhaseContext(ctx, new Set(study.map((v) => v.id))));
}

interface Case {
  rule: string;
  name: string;
  volume: SeriesVolume;
  others?: SeriesVolume[];
  /** Substring the reason must contain; null when the rule must stay silent. */
  expect: string | null;
}

let uid = 0;
const s = (tags: Omit<FixtureTags, 'SeriesInstanceUID'> & { SeriesInstanceUID?: string }): SeriesVolume =>
  mr({ SeriesInstanceUID: `1.2.${++uid}`, ...tags });
const t1 = (desc: string, more: Partial<FixtureTags> = {}) => s({ SeriesDescription: desc, ...T1_GRE, ...more });

const HAND_CASES: Case[] = [
  // role
  { rule: 'role.adc.image-type', name: 'Siemens ADC', volume: s({ ImageType: ['DERIVED', 'PRIMARY', 'DIFFUSION', 'ADC', 'ND', 'NORM'] }), expect: 'contains ADC' },
  { rule: 'role.adc.image-type', name: 'trace images', volume: s({ ImageType: ['ORIGINAL', 'PRIMARY', 'DIFFUSION', 'NONE'] }), expect: null },
  { rule: 'role.adc.image-type', name: 'exponential ADC', volume: s({ ImageType: ['DERIVED', 'PRIMARY', 'DIFFUSION', 'EADC'] }), expect: null },
  { rule: 'role.adc.name', name: 'GE ADC', volume: s({ SeriesDescription: 'ADC (10^-6 mm2/s)' }), expect: "'adc'" },
  { rule: 'role.adc.name', name: 'spelled out', volume: s({ SeriesDescription: 'Apparent Diffusion Coefficient (mm2/s)' }), expect: 'apparent diffusion' },
  { rule: 'role.adc.name', name: 'Philips dADC', volume: s({ SeriesDescription: 'dADC DWI_SPAIR' }), expect: 'dadc' },
  { rule: 'role.adc.name', name: 'trace series', volume: s({ SeriesDescription: 'ep2d_diff_b50_400_800_tra' }), expect: null },
  { rule: 'role.adc.name', name: 'eADC is not ADC', volume: s({ SeriesDescription: 'ep2d_diff_tra_EADC' }), expect: null },
  { rule: 'role.other.exponential-adc', name: 'eADC name', volume: s({ SeriesDescription: 'ep2d_diff_tra_EADC' }), expect: 'exponential' },
  { rule: 'role.other.exponential-adc', name: 'ADC map', volume: s({ SeriesDescription: 'ep2d_diff_tra_ADC' }), expect: null },
  { rule: 'role.subtraction.image-type', name: 'SUBTRACTION', volume: s({ ImageType: ['DERIVED', 'PRIMARY', 'SUBTRACTION'] }), expect: 'SUBTRACTION' },
  { rule: 'role.subtraction.image-type', name: 'original', volume: s({}), expect: null },
  { rule: 'role.subtraction.name', name: 'SUB_ prefix', volume: s({ SeriesDescription: 'SUB_t1_vibe_art' }), expect: "'sub'" },
  { rule: 'role.subtraction.name', name: 'subclavian', volume: s({ SeriesDescription: 'subclavian MRA' }), expect: null },
  { rule: 'role.other.dixon-image-type', name: 'Siemens opp', volume: s({ ImageType: ['ORIGINAL', 'PRIMARY', 'DIXON', 'OPP_PHASE'] }), expect: 'OPP_PHASE' },
  { rule: 'role.other.dixon-image-type', name: 'Siemens fat', volume: s({ ImageType: ['DERIVED', 'PRIMARY', 'DIXON', 'FAT'] }), expect: 'water / fat-suppressed' },
  { rule: 'role.other.dixon-image-type', name: 'Siemens water', volume: s({ ImageType: ['DERIVED', 'PRIMARY', 'DIXON', 'WATER'] }), expect: null },
  { rule: 'role.other.dixon-name', name: 'GE FAT:', volume: s({ SeriesDescription: 'FAT: Ax LAVA-Flex PV' }), expect: "'fat'" },
  { rule: 'role.other.dixon-name', name: 'GE OutPhase:', volume: s({ SeriesDescription: 'OutPhase: Ax LAVA-Flex' }), expect: 'outphase' },
  { rule: 'role.other.dixon-name', name: 'Philips mDIXON F', volume: s({ SeriesDescription: 'mDIXON F' }), expect: "ending in 'f'" },
  { rule: 'role.other.dixon-name', name: 'Siemens _in', volume: s({ SeriesDescription: 't1_vibe_dixon_tra_in' }), expect: "'in'" },
  { rule: 'role.other.dixon-name', name: 'GE WATER:', volume: s({ SeriesDescription: 'WATER: Ax LAVA-Flex PV' }), expect: null },
  { rule: 'role.other.dixon-name', name: 'mDIXON W', volume: s({ SeriesDescription: 'mDIXON W' }), expect: null },
  { rule: 'role.other.dixon-name', name: 'fat sat', volume: s({ SeriesDescription: 't2_tse_tra fat sat' }), expect: null },
  { rule: 'role.other.dixon-name', name: "'in' inside a Dixon name", volume: s({ SeriesDescription: 'WATER: LAVA-Flex HBP in 20 min' }), expect: null },
  { rule: 'role.other.dixon-name', name: "'F' without Dixon", volume: s({ SeriesDescription: 'Ax T1 F' }), expect: null },
  { rule: 'role.other.mrcp', name: 'description', volume: s({ SeriesDescription: '3D MRCP' }), expect: 'thick-slab MRCP' },
  { rule: 'role.other.mrcp', name: 'protocol only', volume: s({ SeriesDescription: 'Cor 3D', ProtocolName: 'mrcp_3d' }), expect: 'ProtocolName' },
  { rule: 'role.other.mrcp', name: 'HASTE', volume: s({ SeriesDescription: 't2_haste_tra' }), expect: null },
  { rule: 'role.other.localizer', name: 'ImageType', volume: s({ ImageType: ['ORIGINAL', 'PRIMARY', 'LOCALIZER'] }), expect: 'LOCALIZER' },
  { rule: 'role.other.localizer', name: 'name', volume: s({ SeriesDescription: 'localizer' }), expect: 'localizer' },
  { rule: 'role.other.localizer', name: 'VIBE', volume: s({ SeriesDescription: 't1_vibe_fs_tra' }), expect: null },
  { rule: 'role.other.not-mr', name: 'CT', volume: s({ Modality: 'CT' }), expect: 'Modality CT' },
  { rule: 'role.other.not-mr', name: 'MR', volume: s({ Modality: 'MR' }), expect: null },
  { rule: 'role.other.balanced-ssfp', name: 'FIESTA', volume: s({ SeriesDescription: 'Ax FIESTA' }), expect: 'fiesta' },
  { rule: 'role.other.balanced-ssfp', name: 'HASTE', volume: s({ SeriesDescription: 't2_haste_tra' }), expect: null },
  // family
  { rule: 'family.dwi.image-type', name: 'DIFFUSION', volume: s({ ImageType: ['ORIGINAL', 'PRIMARY', 'DIFFUSION', 'NONE'] }), expect: 'DIFFUSION' },
  { rule: 'family.dwi.image-type', name: 'plain', volume: s({}), expect: null },
  { rule: 'family.dwi.b-values', name: 'b=800 split', volume: s({ DiffusionBValue: 800, SeriesBValues: [50, 400, 800] }), expect: 'b-values 50, 400, 800' },
  { rule: 'family.dwi.b-values', name: 'b=0 volume of a DWI', volume: s({ DiffusionBValue: 0, SeriesBValues: [0, 600] }), expect: 'b=0' },
  { rule: 'family.dwi.b-values', name: 'Philips b=0 on a T1', volume: s({ DiffusionBValue: 0, SeriesBValues: [0] }), expect: null },
  { rule: 'family.dwi.name', name: 'ep2d_diff', volume: s({ SeriesDescription: 'ep2d_diff_b50_400_800_tra' }), expect: "'diff'" },
  { rule: 'family.dwi.name', name: 'T2', volume: s({ SeriesDescription: 'Ax T2 SSFSE' }), expect: null },
  { rule: 'family.dwi.protocol', name: 'protocol', volume: s({ ProtocolName: 'DWI_SPAIR' }), expect: 'ProtocolName' },
  { rule: 'family.dwi.protocol', name: 'T1 protocol', volume: s({ ProtocolName: 't1_vibe' }), expect: null },
  { rule: 'family.dwi.epi', name: 'EP', volume: s({ ...DWI_EPI }), expect: 'echo-planar' },
  { rule: 'family.dwi.epi', name: 'GR', volume: s({ ...T1_GRE }), expect: null },
  { rule: 'family.t2.name', name: 'T2W_TSE', volume: s({ SeriesDescription: 'T2W_TSE' }), expect: "'t2w', 'tse'" },
  { rule: 'family.t2.name', name: 'HASTE', volume: s({ SeriesDescription: 't2_haste_tra' }), expect: 'haste' },
  { rule: 'family.t2.name', name: 'DWI_SPAIR', volume: s({ SeriesDescription: 'DWI_SPAIR' }), expect: null },
  { rule: 'family.t2.protocol', name: 'protocol', volume: s({ ProtocolName: 't2_blade_tra_fs' }), expect: 'blade' },
  { rule: 'family.t2.protocol', name: 'T1 protocol', volume: s({ ProtocolName: 't1_vibe' }), expect: null },
  { rule: 'family.t2.echo-time', name: 'SE TE 90 TR 1400', volume: s({ ...T2_SE }), expect: 'EchoTime 90 ms' },
  { rule: 'family.t2.echo-time', name: 'TR not recorded', volume: s({ EchoTime: 85, ScanningSequence: 'SE' }), expect: 'not recorded' },
  { rule: 'family.t2.echo-time', name: 'DWI EPI', volume: s({ ...DWI_EPI, EchoTime: 70 }), expect: null },
  { rule: 'family.t2.echo-time', name: 'short TR', volume: s({ EchoTime: 90, RepetitionTime: 500 }), expect: null },
  { rule: 'family.t2.echo-time', name: 'T1 GRE', volume: s({ ...T1_GRE }), expect: null },
  { rule: 'family.t1.name', name: 'LAVA', volume: s({ SeriesDescription: 'Ax LAVA-Flex PRE' }), expect: "'lava'" },
  { rule: 'family.t1.name', name: 'Canon', volume: s({ SeriesDescription: 'Quick 3D DYN' }), expect: 'quick 3d' },
  { rule: 'family.t1.name', name: 'HASTE', volume: s({ SeriesDescription: 't2_haste_tra' }), expect: null },
  { rule: 'family.t1.protocol', name: 'protocol', volume: s({ ProtocolName: 't1_vibe_fs_tra_dyn' }), expect: 'vibe' },
  { rule: 'family.t1.protocol', name: 'T2 protocol', volume: s({ ProtocolName: 't2_haste' }), expect: null },
  { rule: 'family.t1.gradient-echo', name: 'VIBE', volume: s({ ...T1_GRE }), expect: 'EchoTime 1.3 ms' },
  { rule: 'family.t1.gradient-echo', name: 'no ScanningSequence', volume: s({ EchoTime: 2, RepetitionTime: 5 }), expect: 'not recorded' },
  { rule: 'family.t1.gradient-echo', name: 'spin echo', volume: s({ EchoTime: 8, RepetitionTime: 15, ScanningSequence: 'SE' }), expect: null },
  { rule: 'family.t1.gradient-echo', name: 'TR 25 ms', volume: s({ EchoTime: 4, RepetitionTime: 25, ScanningSequence: 'GR' }), expect: null },
  { rule: 'family.t1.gradient-echo', name: 'T2', volume: s({ ...T2_SE }), expect: null },
  { rule: 'family.t1.dixon-water', name: 'ImageType WATER', volume: s({ ImageType: ['DERIVED', 'PRIMARY', 'DIXON', 'WATER'] }), expect: 'WATER' },
  { rule: 'family.t1.dixon-water', name: 'GE WATER:', volume: s({ SeriesDescription: 'WATER: Ax LAVA-Flex ART' }), expect: "'water'" },
  { rule: 'family.t1.dixon-water', name: 'mDIXON W', volume: s({ SeriesDescription: 'mDIXON W' }), expect: "'w'" },
  { rule: 'family.t1.dixon-water', name: "'W' without Dixon", volume: s({ SeriesDescription: 'Ax T1 W' }), expect: null },
  { rule: 'family.t1.dixon-water', name: 'T2W', volume: s({ SeriesDescription: 'T2W_TSE' }), expect: null },
];

const T0 = '100000';
const at = (seconds: number) => tmPlus(T0, seconds);
const dyn = (seconds: number, agent: string, more: Partial<FixtureTags> = {}) =>
  t1('t1_vibe_fs_tra_dyn', { AcquisitionTime: at(seconds), ContrastBolusAgent: agent, ...more });

const withDotarem = t1('t1_vibe_fs_tra_dyn', { ContrastBolusAgent: 'Dotarem' });
const withoutAgent = t1('t1_vibe_fs_tra_dyn');
const mph = (tpi: number, seconds: number) =>
  t1('Ax LAVA-Flex MPH', { SeriesInstanceUID: '1.2.mph', TemporalPositionIdentifier: tpi, NumberOfTemporalPositions: 3, ContrastBolusAgent: 'Gadavist', AcquisitionTime: at(seconds) });
const split = (tpi: number, n: number, agent = '') =>
  t1('DYN_eTHRIVE', { SeriesInstanceUID: '1.2.split', TemporalPositionIdentifier: tpi, NumberOfTemporalPositions: n, ContrastBolusAgent: agent });

const PHASE_HAND_CASES: Case[] = [
  { rule: 'phase.name.pre', name: 'GE PRE', volume: t1('Ax LAVA-Flex PRE'), expect: "'pre'" },
  { rule: 'phase.name.pre', name: 'native', volume: t1('t1_vibe_fs_tra_nativ'), expect: "'nativ'" },
  { rule: 'phase.name.pre', name: 'prep', volume: t1('t1_prep_tra'), expect: null },
  { rule: 'phase.name.arterial', name: 'Siemens _art', volume: t1('t1_vibe_fs_tra_art'), expect: "'art' (arterial keyword)" },
  { rule: 'phase.name.arterial', name: 'start', volume: t1('t1_vibe_start'), expect: null },
  { rule: 'phase.name.arterial-abbreviation', name: 'HAP', volume: t1('Ax 3D HAP'), expect: "'hap'" },
  { rule: 'phase.name.arterial-abbreviation', name: 'CAIPIRINHA', volume: t1('t1_vibe_caipirinha_tra'), expect: null },
  { rule: 'phase.name.portal-venous', name: 'GE PV', volume: t1('Ax LAVA-Flex PV'), expect: "'pv'" },
  { rule: 'phase.name.portal-venous', name: 'no phase', volume: t1('Ax LAVA-Flex'), expect: null },
  { rule: 'phase.name.delayed', name: 'equilibrium', volume: t1('T1 equilibrium'), expect: 'equilibrium' },
  { rule: 'phase.name.delayed', name: 'transitional', volume: t1('eTHRIVE transitional'), expect: 'transitional' },
  { rule: 'phase.name.delayed', name: 'late art', volume: t1('late art'), expect: null },
  { rule: 'phase.name.hepatobiliary', name: 'HBP', volume: t1('t1_vibe_fs_tra_HBP'), expect: "'hbp'" },
  { rule: 'phase.name.hepatobiliary', name: 'none', volume: t1('t1_vibe_fs_tra'), expect: null },
  { rule: 'phase.name.post-contrast', name: 'post', volume: t1('t1_vibe_fs_tra_post'), expect: "'post'" },
  { rule: 'phase.name.post-contrast', name: 'posterior', volume: t1('t1_vibe_posterior'), expect: null },
  { rule: 'phase.name.post-contrast', name: 'unenhanced', volume: t1('T1 unenhanced'), expect: null },
  { rule: 'phase.agent.absent-on-this-series', name: 'pre lacks agent', volume: withoutAgent, others: [withDotarem], expect: "1 other T1 series of the study records 'Dotarem'" },
  {
    rule: 'phase.agent.absent-on-this-series',
    name: 'single-phase series that writes TemporalPositionIdentifier 1',
    volume: t1('t1_vibe_fs_tra', { TemporalPositionIdentifier: 1, NumberOfTemporalPositions: 1 }),
    others: [withDotarem],
    expect: 'records',
  },
  { rule: 'phase.agent.absent-on-this-series', name: 'alone', volume: withoutAgent, expect: null },
  { rule: 'phase.agent.absent-on-this-series', name: 'has agent', volume: withDotarem, others: [withoutAgent], expect: null },
  { rule: 'phase.agent.absent-on-this-series', name: 'split multi-phase series', volume: split(1, 4), others: [withDotarem], expect: null },
  { rule: 'phase.agent.present-while-pre-lacks-it', name: 'post', volume: withDotarem, others: [withoutAgent], expect: 'post-contrast' },
  { rule: 'phase.agent.present-while-pre-lacks-it', name: 'all have it', volume: withDotarem, others: [t1('x', { ContrastBolusAgent: 'Dotarem' })], expect: null },
  { rule: 'phase.agent.present-while-pre-lacks-it', name: 'split', volume: split(2, 4, 'Dotarem'), others: [withoutAgent], expect: null },
  { rule: 'phase.agent.none-in-study-single-t1', name: 'only T1, no agent', volume: t1('t1_vibe_fs_tra'), expect: 'only T1 series' },
  { rule: 'phase.agent.none-in-study-single-t1', name: 'two T1', volume: t1('t1_vibe_fs_tra'), others: [t1('t1_vibe_fs_cor')], expect: null },
  { rule: 'phase.agent.none-in-study-single-t1', name: 'agent in study', volume: withDotarem, expect: null },
  { rule: 'phase.agent.extracellular-no-hepatobiliary', name: 'HBP with Dotarem', volume: t1('t1_vibe_HBP', { ContrastBolusAgent: 'Dotarem' }), expect: 'extracellular' },
  { rule: 'phase.agent.extracellular-no-hepatobiliary', name: 'HBP with Primovist', volume: t1('t1_vibe_HBP', { ContrastBolusAgent: 'Primovist' }), expect: null },
  { rule: 'phase.agent.extracellular-late-is-delayed', name: 'HBP, study agent Gadavist', volume: t1('t1_vibe_HBP'), others: [t1('y', { ContrastBolusAgent: 'Gadavist' })], expect: 'read as delayed' },
  { rule: 'phase.agent.extracellular-late-is-delayed', name: 'HBP with Eovist', volume: t1('t1_vibe_HBP', { ContrastBolusAgent: 'Eovist' }), expect: null },
  (() => {
    const first = dyn(0, '');
    return { rule: 'phase.acquisition-order.first', name: 'first of 3', volume: first, others: [dyn(90, 'Dotarem'), dyn(135, 'Dotarem')], expect: '1st of 3' };
  })(),
  {
    rule: 'phase.acquisition-order.first',
    name: 'first of 3 carries the agent the separate pre lacks',
    volume: dyn(0, 'Dotarem'),
    others: [dyn(45, 'Dotarem'), dyn(150, 'Dotarem'), t1('t1_vibe_dixon_tra_W', { AcquisitionTime: at(-120) })],
    expect: null,
  },
  {
    rule: 'phase.acquisition-order.first',
    name: 'split MPH acquired after a series named PRE',
    volume: mph(1, 150),
    others: [mph(2, 195), mph(3, 330), t1('Ax LAVA-Flex PRE', { AcquisitionTime: at(0) })],
    expect: null,
  },
  {
    rule: 'phase.acquisition-order.arterial',
    name: 'first MPH position when the pre is a separate series',
    volume: mph(1, 150),
    others: [mph(2, 195), mph(3, 330), t1('Ax LAVA-Flex PRE', { AcquisitionTime: at(0) })],
    expect: "the pre-contrast image is 'Ax LAVA-Flex PRE'",
  },
  { rule: 'phase.acquisition-order.first', name: 'only 2 same-named', volume: dyn(0, ''), others: [dyn(90, 'Dotarem')], expect: null },
  { rule: 'phase.acquisition-order.first', name: 'named by phase', volume: t1('t1_pre', { AcquisitionTime: at(0) }), others: [t1('t1_pre', { AcquisitionTime: at(60) }), t1('t1_pre', { AcquisitionTime: at(120) })], expect: null },
  { rule: 'phase.temporal.many-positions', name: 'position 12 of 30', volume: t1('twist_vibe_dyn', { TemporalPositionIdentifier: 12, NumberOfTemporalPositions: 30 }), expect: '30 temporal positions' },
  {
    rule: 'phase.temporal.many-positions',
    name: 'count from the split volumes',
    volume: t1('dce', { SeriesInstanceUID: '1.2.dce', TemporalPositionIdentifier: 1 }),
    others: Array.from({ length: 7 }, (_, i) => t1('dce', { SeriesInstanceUID: '1.2.dce', TemporalPositionIdentifier: i + 2 })),
    expect: '8 temporal positions',
  },
  { rule: 'phase.temporal.many-positions', name: '4 positions', volume: split(1, 4), expect: null },
  { rule: 'phase.temporal.unsplit-multi-phase', name: 'GE MPH not split', volume: t1('Ax LAVA-Flex MPH', { NumberOfTemporalPositions: 4 }), expect: '4 temporal positions' },
  { rule: 'phase.temporal.unsplit-multi-phase', name: 'split', volume: split(1, 4), expect: null },
  { rule: 'phase.temporal.unsplit-multi-phase', name: 'one position', volume: t1('x', { NumberOfTemporalPositions: 1 }), expect: null },
];

/** A time inside the window, for generated cases. */
function inside(w: TimeWindow): number {
  if (!Number.isFinite(w.fromSec)) return w.toSec - 60;
  if (!Number.isFinite(w.toSec)) return w.fromSec + 600;
  return Math.floor((w.fromSec + w.toSec) / 2);
}
/** A time after injection in some other window, of another phase. */
function outside(w: TimeWindow): number {
  const other = TIME_WINDOWS.find((o) => o.phase !== w.phase && !o.agents && o.fromSec >= 10);
  return other ? inside(other) : 0;
}
const AGENT_NAME: Record<AgentClass, string> = { gadoxetate: 'Primovist', extracellular: 'Dotarem', unknown: 'Gadolinium', none: '' };
const agentFor = (w: TimeWindow) => AGENT_NAME[w.agents?.[0] ?? 'extracellular'];
const wrongAgent = (w: TimeWindow) => (w.agents?.includes('extracellular') ? 'Primovist' : 'Dotarem');
const delayName = (sec: number) => (sec < 120 ? `t1_vibe ${sec}s` : `t1_vibe ${sec / 60}min`);

const bolus = (sec: number, agent: string, desc = 't1_vibe_fs_tra') =>
  t1(desc, { ContrastBolusStartTime: T0, AcquisitionTime: at(sec), ContrastBolusAgent: agent });

function windowCases(): Case[] {
  const cases: Case[] = [];
  for (const w of TIME_WINDOWS) {
    const sec = inside(w);
    const bolusId = `phase.bolus-time.${w.id}`;
    cases.push({ rule: bolusId, name: `${sec} s`, volume: bolus(sec, agentFor(w)), expect: w.label });
    cases.push({ rule: bolusId, name: 'other window', volume: bolus(outside(w), agentFor(w)), expect: null });
    cases.push({ rule: bolusId, name: 'no start time', volume: t1('t1_vibe', { AcquisitionTime: at(sec), ContrastBolusAgent: agentFor(w) }), expect: null });
    if (w.agents) cases.push({ rule: bolusId, name: 'other agent', volume: bolus(sec, wrongAgent(w)), expect: null });
    if (w.phase === 't1_pre') continue;

    const nameId = `phase.name-delay.${w.id}`;
    cases.push({ rule: nameId, name: delayName(sec), volume: t1(delayName(sec), { ContrastBolusAgent: agentFor(w) }), expect: w.label });
    cases.push({ rule: nameId, name: 'other delay', volume: t1(delayName(outside(w)), { ContrastBolusAgent: agentFor(w) }), expect: null });
    if (w.agents) cases.push({ rule: nameId, name: 'other agent', volume: t1(delayName(sec), { ContrastBolusAgent: wrongAgent(w) }), expect: null });

    if (w.toSec <= ASSUMED_FIRST_POST_SEC) continue;
    const orderId = `phase.acquisition-order.${w.id}`;
    const gap = sec - ASSUMED_FIRST_POST_SEC;
    const agent = agentFor(w);
    const group = [dyn(0, ''), dyn(60, agent)];
    cases.push({ rule: orderId, name: `${gap} s after the first post`, volume: dyn(60 + gap, agent), others: group, expect: w.label });
    cases.push({ rule: orderId, name: 'group of 2', volume: dyn(60 + gap, agent), others: [dyn(60, agent)], expect: null });
    cases.push({ rule: orderId, name: 'presumed pre', volume: dyn(0, ''), others: [dyn(60, agent), dyn(60 + gap, agent)], expect: null });
  }
  return cases;
}

const ALL_CASES = [...HAND_CASES, ...PHASE_HAND_CASES, ...windowCases()];

describe('phase rule table', () => {
  it.each(ALL_CASES.map((c) => [c.rule, c.name, c] as const))('%s: %s', (_id, _name, c) => {
    const reason = run(c.rule, c.volume, c.others);
    if (c.expect === null) expect(reason).toBeNull();
    else expect(reason).toContain(c.expect);
  });

  it('every rule is tested firing and staying silent', () => {
    const untested = PHASE_RULES.filter(
      (r) => !ALL_CASES.some((c) => c.rule === r.id && c.expect !== null) || !ALL_CASES.some((c) => c.rule === r.id && c.expect === null),
    ).map((r) => r.id);
    expect(untested).toEqual([]);
  });

  it('rule ids are unique and every row is complete', () => {
    const ids = PHASE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of PHASE_RULES) {
      expect(r.looksAt.length).toBeGreaterThan(0);
      expect(r.summary.length).toBeGreaterThan(0);
      expect(r.weight).not.toBe(0);
    }
  });
});

describe('hand-worked timing rows', () => {
  const fired = (v: SeriesVolume, others: SeriesVolume[] = []) =>
    PHASE_RULES.filter((r) => r.stage === 'phase' && run(r.id, v, others) !== null).map((r) => r.id);

  it('27 s after start is arterial, 72 s portal venous, 3 min delayed, 20 min with Primovist hepatobiliary', () => {
    expect(fired(bolus(27, 'Dotarem'))).toEqual(['phase.bolus-time.arterial']);
    expect(fired(bolus(72, 'Dotarem'))).toEqual(['phase.bolus-time.portal-venous']);
    expect(fired(bolus(180, 'Dotarem'))).toEqual(['phase.bolus-time.delayed']);
    expect(fired(bolus(1200, 'Primovist'))).toEqual(['phase.bolus-time.hepatobiliary']);
    expect(fired(bolus(1200, 'Dotarem'))).toEqual(['phase.bolus-time.very-late-extracellular']);
  });

  it('a series without its own start time borrows the study one and says so', () => {
    const pre = t1('t1_vibe_fs_tra', { AcquisitionTime: at(-60) });
    const post = bolus(30, 'Dotarem', 't1_vibe_fs_tra_b');
    expect(run('phase.bolus-time.before-contrast', pre, [post])).toContain('recorded on other series');
  });

  it('per-position timing of a DCE series is not phase evidence', () => {
    const position = (n: number | null) =>
      t1('twist_vibe_dyn', { ContrastBolusStartTime: T0, AcquisitionTime: at(27), ContrastBolusAgent: 'Dotarem', NumberOfTemporalPositions: n, TemporalPositionIdentifier: 5 });
    expect(run('phase.bolus-time.arterial', position(30))).toBeNull();
    expect(run('phase.bolus-time.arterial', position(5))).toContain('27 s after');
  });
});
