import {
  ADC_WORDS,
  BSSFP_WORDS,
  DIXON_MARKER_WORDS,
  DIXON_NON_WATER_WORDS,
  DIXON_SHORT_NON_WATER_WORDS,
  DIXON_WATER_WORDS,
  DWI_WORDS,
  EADC_WORDS,
  LOCALIZER_WORDS,
  MRCP_WORDS,
  SUBTRACTION_WORDS,
  T1_WORDS,
  T2_WORDS,
  findKeywords,
  quoteList,
} from './phase-keywords';
import { descriptionOf } from './phase-context';
import { byKeyword, imageTypeHas, imageTypeText, keywordEvidence } from './phase-rule-helpers';
import type { FamilyRule, RoleRule } from './phase-types';
import type { SeriesVolume } from './model';

/** T2: long echo; T1 dynamic: spoiled gradient echo with short TE and TR (SERIES-NAMING.md). */
export const T2_MIN_ECHO_MS = 60;
export const T2_MIN_REPETITION_MS = 1000;
export const T1_MAX_ECHO_MS = 10;
export const T1_MAX_REPETITION_MS = 20;

function imageTypeRule(wanted: readonly string[], meaning: string): (v: SeriesVolume) => string | null {
  return (v) => {
    const hit = imageTypeHas(v, wanted);
    return hit.length > 0 ? `ImageType ${imageTypeText(v)} contains ${hit.join(', ')} (${meaning})` : null;
  };
}

/** 'mDIXON F', 't1_vibe_dixon_tra_in': single letters count only in a Dixon name. */
function dixonNonWaterName(v: SeriesVolume): string | null {
  const plain = keywordEvidence(v, 'SeriesDescription', DIXON_NON_WATER_WORDS);
  if (plain) return `${plain}; only the water / fat-suppressed image is read for enhancement`;
  const name = descriptionOf(v);
  const marker = findKeywords(name, DIXON_MARKER_WORDS);
  const letters = findKeywords(name, DIXON_SHORT_NON_WATER_WORDS);
  if (marker.length === 0 || letters.length === 0) return null;
  return (
    `SeriesDescription '${name}' is a Dixon name (${quoteList(marker)}) ending in ${quoteList(letters)} ` +
    '(fat / in-phase image); only the water / fat-suppressed image is read for enhancement'
  );
}

function dixonWater(v: SeriesVolume): string | null {
  const hit = imageTypeHas(v, ['W', 'WATER']);
  if (hit.length > 0) return `ImageType contains ${hit.join(', ')}: Dixon water image, the one read for enhancement`;
  const name = descriptionOf(v);
  const words = findKeywords(name, DIXON_WATER_WORDS);
  const isDixon = findKeywords(name, DIXON_MARKER_WORDS).length > 0;
  if (words.includes('water') || (words.length > 0 && isDixon)) {
    return `SeriesDescription '${name}' names the Dixon water image (${quoteList(words)}), the one read for enhancement`;
  }
  return null;
}

function isEpi(v: SeriesVolume): boolean {
  return v.header.scanningSequence.toUpperCase().includes('EP');
}

export const ROLE_RULES: readonly RoleRule[] = [
  {
    id: 'role.adc.image-type',
    stage: 'role',
    looksAt: 'ImageType',
    votesFor: 'adc',
    weight: 5,
    summary: 'ImageType contains ADC: a derived ADC map',
    evaluate: imageTypeRule(['ADC', 'ADC_UNSPECIFIED'], 'derived ADC map'),
  },
  {
    id: 'role.adc.name',
    stage: 'role',
    looksAt: 'SeriesDescription',
    votesFor: 'adc',
    weight: 4,
    summary: "SeriesDescription says 'ADC' or 'Apparent Diffusion'",
    evaluate: byKeyword('SeriesDescription', ADC_WORDS),
  },
  {
    id: 'role.other.exponential-adc',
    stage: 'role',
    looksAt: 'SeriesDescription, ImageType',
    votesFor: 'other',
    weight: 4,
    summary: 'exponential ADC (eADC) is exp(-b ADC), not an ADC map',
    evaluate: (v) => keywordEvidence(v, 'SeriesDescription', EADC_WORDS) ?? imageTypeRule(['EADC'], 'exponential ADC')(v),
  },
  {
    id: 'role.subtraction.image-type',
    stage: 'role',
    looksAt: 'ImageType',
    votesFor: 'subtraction',
    weight: 5,
    summary: 'ImageType SUBTRACTION / SUB: a derived subtraction series, not a phase',
    evaluate: imageTypeRule(['SUB', 'SUBTRACT', 'SUBTRACTION'], 'derived subtraction, not a phase'),
  },
  {
    id: 'role.subtraction.name',
    stage: 'role',
    looksAt: 'SeriesDescription',
    votesFor: 'subtraction',
    weight: 4,
    summary: "SeriesDescription says 'SUB' / 'subtraction'",
    evaluate: byKeyword('SeriesDescription', SUBTRACTION_WORDS),
  },
  {
    id: 'role.other.dixon-image-type',
    stage: 'role',
    looksAt: 'ImageType',
    votesFor: 'other',
    weight: 5,
    summary: 'Dixon fat / in-phase / opposed-phase image: only the water image is read for enhancement',
    evaluate: (v) => {
      const e = imageTypeRule(['F', 'FAT', 'IP', 'OP', 'IN_PHASE', 'OPP_PHASE', 'OUT_PHASE'], 'Dixon non-water image')(v);
      return e ? `${e}; only the water / fat-suppressed image is read for enhancement` : null;
    },
  },
  {
    id: 'role.other.dixon-name',
    stage: 'role',
    looksAt: 'SeriesDescription',
    votesFor: 'other',
    weight: 4,
    summary: "SeriesDescription names a Dixon fat / in / opp image ('FAT:', 'InPhase:', 'mDIXON F', '_opp')",
    evaluate: dixonNonWaterName,
  },
  {
    id: 'role.other.mrcp',
    stage: 'role',
    looksAt: 'SeriesDescription, ProtocolName',
    votesFor: 'other',
    weight: 6,
    summary: 'thick-slab MRCP, not for lesion SI',
    evaluate: (v) => keywordEvidence(v, 'SeriesDescription', MRCP_WORDS) ?? keywordEvidence(v, 'ProtocolName', MRCP_WORDS),
  },
  {
    id: 'role.other.localizer',
    stage: 'role',
    looksAt: 'ImageType, SeriesDescription',
    votesFor: 'other',
    weight: 5,
    summary: 'localizer / scout',
    evaluate: (v) =>
      imageTypeRule(['LOCALIZER'], 'localizer')(v) ?? keywordEvidence(v, 'SeriesDescription', LOCALIZER_WORDS),
  },
  {
    id: 'role.other.not-mr',
    stage: 'role',
    looksAt: 'Modality',
    votesFor: 'other',
    weight: 6,
    summary: 'not an MR image',
    evaluate: (v) => {
      const m = (v.modality || v.header.modality).trim().toUpperCase();
      return m !== '' && m !== 'MR' ? `Modality ${m}, not MR` : null;
    },
  },
  {
    id: 'role.other.balanced-ssfp',
    stage: 'role',
    looksAt: 'SeriesDescription',
    votesFor: 'other',
    weight: 3,
    summary: 'balanced SSFP (TrueFISP / FIESTA / bFFE): mixed contrast, not read for SI',
    evaluate: byKeyword('SeriesDescription', BSSFP_WORDS),
  },
];

export const FAMILY_RULES: readonly FamilyRule[] = [
  {
    id: 'family.dwi.image-type',
    stage: 'family',
    looksAt: 'ImageType',
    votesFor: 'dwi',
    weight: 3,
    summary: 'ImageType DIFFUSION / TRACEW',
    evaluate: imageTypeRule(['DIFFUSION', 'TRACEW', 'TRACE', 'CALC_BVAL'], 'diffusion images'),
  },
  {
    id: 'family.dwi.b-values',
    stage: 'family',
    looksAt: 'DiffusionBValue (and vendor b-value tags)',
    votesFor: 'dwi',
    weight: 3,
    summary: 'b-values present (a b-value above 0: Philips writes b=0 on every image)',
    evaluate: (v) => {
      const values = [...v.seriesBValues, ...(v.bValue !== null ? [v.bValue] : [])];
      if (!values.some((b) => b > 0)) return null;
      const own = v.bValue !== null ? ` (this volume b=${v.bValue})` : '';
      return `b-values ${[...new Set(values)].sort((a, b) => a - b).join(', ')} s/mm2 present${own}`;
    },
  },
  {
    id: 'family.dwi.name',
    stage: 'family',
    looksAt: 'SeriesDescription',
    votesFor: 'dwi',
    weight: 3,
    summary: "SeriesDescription says 'diff' / 'DWI' / 'b800' / 'RESOLVE' / 'ZOOMit'",
    evaluate: byKeyword('SeriesDescription', DWI_WORDS),
  },
  {
    id: 'family.dwi.protocol',
    stage: 'family',
    looksAt: 'ProtocolName',
    votesFor: 'dwi',
    weight: 1,
    summary: 'ProtocolName has a diffusion keyword (weak: one protocol can hold several series)',
    evaluate: byKeyword('ProtocolName', DWI_WORDS),
  },
  {
    id: 'family.dwi.epi',
    stage: 'family',
    looksAt: 'ScanningSequence',
    votesFor: 'dwi',
    weight: 1,
    summary: 'echo-planar acquisition (ScanningSequence EP), as liver diffusion is',
    evaluate: (v) => (isEpi(v) ? `ScanningSequence ${v.header.scanningSequence} (echo-planar)` : null),
  },
  {
    id: 'family.t2.name',
    stage: 'family',
    looksAt: 'SeriesDescription',
    votesFor: 't2',
    weight: 3,
    summary: "SeriesDescription says 't2' / 'HASTE' / 'BLADE' / 'SSFSE' / 'FRFSE' / 'TSE'",
    evaluate: byKeyword('SeriesDescription', T2_WORDS),
  },
  {
    id: 'family.t2.protocol',
    stage: 'family',
    looksAt: 'ProtocolName',
    votesFor: 't2',
    weight: 1,
    summary: 'ProtocolName has a T2 keyword (weak)',
    evaluate: byKeyword('ProtocolName', T2_WORDS),
  },
  {
    id: 'family.t2.echo-time',
    stage: 'family',
    looksAt: 'EchoTime, RepetitionTime, ScanningSequence',
    votesFor: 't2',
    weight: 2,
    summary: `EchoTime > ${T2_MIN_ECHO_MS} ms with long TR (>= ${T2_MIN_REPETITION_MS} ms or not recorded), not EPI`,
    evaluate: (v) => {
      const te = v.header.echoTimeMs;
      const tr = v.header.repetitionTimeMs;
      if (te === null || te <= T2_MIN_ECHO_MS || isEpi(v)) return null;
      if (tr !== null && tr < T2_MIN_REPETITION_MS) return null;
      return `EchoTime ${te} ms, RepetitionTime ${tr ?? 'not recorded'}${tr !== null ? ' ms' : ''} (long TE and TR: T2-weighted)`;
    },
  },
  {
    id: 'family.t1.name',
    stage: 'family',
    looksAt: 'SeriesDescription',
    votesFor: 't1',
    weight: 3,
    summary: "SeriesDescription says 'vibe' / 'LAVA' / 'DISCO' / 'THRIVE' / 'mDIXON' / 'Quick 3D' / 'dyn' / 't1'",
    evaluate: byKeyword('SeriesDescription', T1_WORDS),
  },
  {
    id: 'family.t1.protocol',
    stage: 'family',
    looksAt: 'ProtocolName',
    votesFor: 't1',
    weight: 1,
    summary: 'ProtocolName has a T1 gradient-echo keyword (weak)',
    evaluate: byKeyword('ProtocolName', T1_WORDS),
  },
  {
    id: 'family.t1.gradient-echo',
    stage: 'family',
    looksAt: 'EchoTime, RepetitionTime, ScanningSequence',
    votesFor: 't1',
    weight: 2,
    summary: `spoiled gradient echo: TE < ${T1_MAX_ECHO_MS} ms, TR < ${T1_MAX_REPETITION_MS} ms, ScanningSequence GR (or not recorded)`,
    evaluate: (v) => {
      const { echoTimeMs: te, repetitionTimeMs: tr, scanningSequence } = v.header;
      if (te === null || tr === null || te >= T1_MAX_ECHO_MS || tr >= T1_MAX_REPETITION_MS) return null;
      const seq = scanningSequence.toUpperCase();
      if (seq !== '' && !seq.includes('GR')) return null;
      const how = seq === '' ? 'ScanningSequence not recorded' : `ScanningSequence ${scanningSequence}`;
      return `EchoTime ${te} ms, RepetitionTime ${tr} ms, ${how} (short TE/TR gradient echo: T1-weighted)`;
    },
  },
  {
    id: 'family.t1.dixon-water',
    stage: 'family',
    looksAt: 'ImageType, SeriesDescription',
    votesFor: 't1',
    weight: 1,
    summary: 'Dixon water image (the fat-suppressed T1 image read for enhancement)',
    evaluate: dixonWater,
  },
];
