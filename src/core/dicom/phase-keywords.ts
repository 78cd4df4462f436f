/**
 * Keyword vocabularies of SeriesDescription / ProtocolName (see docs/SERIES-NAMING.md) and the
 * matcher. Names are lower-cased and every non-alphanumeric character becomes a space, so
 * 't1_vibe_fs_tra_art', 'Ax LAVA-Flex ART' and 'WATER: ...' all read as words. A keyword matches only
 * when no letter touches it on either side: 'art' is not found in 'start', 'ap' not in
 * 'caipirinha', but 'art' is found in 'art2' and 'b' + digits in 'b800'.
 */

export interface KeywordGroup {
  /** What the words mean, for reasons: "(arterial keyword)". */
  meaning: string;
  /** Regular-expression sources, matched case-insensitively on the normalised text. */
  patterns: readonly string[];
  /** Single letters must not touch digits either ('w' is not found in 't2w'). */
  wholeToken?: boolean;
}

/** Lower case, separators to single spaces; a dot survives only inside a number ('3.5 min'). */
export function normaliseName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, ' ')
    .replace(/(?<![0-9])\.|\.(?![0-9])/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function groupRegex(group: KeywordGroup): RegExp {
  const edge = group.wholeToken ? 'a-z0-9' : 'a-z';
  return new RegExp(`(?<![${edge}])(?:${group.patterns.join('|')})(?![${edge}])`, 'g');
}

/** Distinct matched words of a group in a name, in order of appearance. */
export function findKeywords(name: string, group: KeywordGroup): string[] {
  const text = normaliseName(name);
  const found: string[] = [];
  for (const m of text.matchAll(groupRegex(group))) {
    if (!found.includes(m[0])) found.push(m[0]);
  }
  return found;
}

export function quoteList(words: readonly string[]): string {
  return words.map((w) => `'${w}'`).join(', ');
}

// --- role: derived or excluded series -------------------------------------------------------
export const ADC_WORDS: KeywordGroup = {
  meaning: 'ADC map keyword',
  patterns: ['adc', 'dadc', 'apparent diffusion'],
};
/** Exponential ADC (eADC) looks like an ADC map by name but holds exp(-b*ADC), not ADC. */
export const EADC_WORDS: KeywordGroup = { meaning: 'exponential ADC, not an ADC map', patterns: ['eadc'] };
export const SUBTRACTION_WORDS: KeywordGroup = {
  meaning: 'subtraction keyword',
  patterns: ['sub', 'subs', 'subtract', 'subtracted', 'subtraction'],
};
/** Non-water Dixon images named without ambiguity ('fat sat' is fat suppression, not a fat image). */
export const DIXON_NON_WATER_WORDS: KeywordGroup = {
  meaning: 'Dixon fat / in-phase / opposed-phase image',
  patterns: ['fat(?! (?:sat|sup))', 'in ?phase', 'out ?phase', 'out of phase', 'opp', 'opposed', 'ip', 'op'],
};
/**
 * Single letters that name a Dixon output only as the last word of a Dixon name ('mDIXON F',
 * 't1_vibe_dixon_tra_in'); elsewhere 'in' is just English.
 */
export const DIXON_SHORT_NON_WATER_WORDS: KeywordGroup = {
  meaning: 'Dixon fat / in-phase suffix',
  patterns: ['f$', 'in$'],
  wholeToken: true,
};
export const DIXON_MARKER_WORDS: KeywordGroup = {
  meaning: 'Dixon sequence',
  patterns: ['m?dixon', 'flex', 'ideal'],
};
/** 'W' only as the last word ('mDIXON W', 't1_vibe_dixon_tra_W'). */
export const DIXON_WATER_WORDS: KeywordGroup = {
  meaning: 'Dixon water image',
  patterns: ['water', 'w$'],
  wholeToken: true,
};
export const MRCP_WORDS: KeywordGroup = {
  meaning: 'thick-slab MRCP, not for lesion SI',
  patterns: ['mrcp', 'cholangio[a-z]*'],
};
export const LOCALIZER_WORDS: KeywordGroup = {
  meaning: 'localizer',
  patterns: ['locali[sz]er', 'loc', 'scout', 'survey', 'tripilot'],
};
export const BSSFP_WORDS: KeywordGroup = {
  meaning: 'balanced SSFP (mixed T2/T1 contrast, not read for SI)',
  patterns: ['trufi', 'true ?fisp', 'fiesta', 'b ?ffe', 'balanced'],
};

// --- family: sequence type ------------------------------------------------------------------
export const DWI_WORDS: KeywordGroup = {
  meaning: 'diffusion keyword',
  patterns: ['dwi', 'dwibs', 'diff', 'diffusion', 'resolve', 'zoomit', 'ivim', 'trace ?w?', 'b ?[0-9]+'],
};
export const T2_WORDS: KeywordGroup = {
  meaning: 'T2 keyword',
  patterns: ['t2w?', 'haste', 'blade', 'propeller', 'multivane', 'ss ?fse', 'frfse', 'fse', 'ssh ?tse', 'tse'],
};
export const T1_WORDS: KeywordGroup = {
  meaning: 'T1 gradient-echo / dynamic keyword',
  patterns: [
    't1w?',
    'star ?vibe',
    'vibe',
    'twist',
    'lava',
    'disco',
    'e?thrive',
    'mdixon',
    'quick ?3d',
    'ffe',
    'dyn',
    'dynamic',
    'caipirinha',
    'caipi',
    'fl[23]d',
    'flash',
    'f?spgr',
  ],
};

// --- phase of a T1 series -------------------------------------------------------------------
export const PRE_WORDS: KeywordGroup = {
  meaning: 'pre-contrast keyword',
  patterns: ['pre', 'precontrast', 'nativ', 'native', 'unenhanced', 'non ?contrast', 'plain', 'mask'],
};
export const ARTERIAL_WORDS: KeywordGroup = {
  meaning: 'arterial keyword',
  patterns: ['art', 'arterial', 'arteriell', 'arteriel'],
};
/** Two- and three-letter abbreviations: weaker, 'AP' is also a phase-encoding direction. */
export const ARTERIAL_ABBREVIATIONS: KeywordGroup = {
  meaning: 'arterial abbreviation',
  patterns: ['ap', 'hap', 'eap', 'lap'],
};
export const PORTAL_VENOUS_WORDS: KeywordGroup = {
  meaning: 'portal venous keyword',
  patterns: ['portal ?venous', 'porto ?venous', 'pvp?', 'portal', 'venous'],
};
export const DELAYED_WORDS: KeywordGroup = {
  meaning: 'delayed / equilibrium / transitional keyword',
  patterns: ['delay', 'delayed', 'equilibrium', 'equil', 'transitional', 'transition', 'late phase', 'interstitial'],
};
export const HEPATOBILIARY_WORDS: KeywordGroup = {
  meaning: 'hepatobiliary keyword',
  patterns: ['hepatobil[a-z]*', 'hbp', 'hepatocyte'],
};
/** Words saying contrast was given: evidence against pre, not for a particular phase. */
export const POST_CONTRAST_WORDS: KeywordGroup = {
  meaning: 'post-contrast keyword',
  patterns: ['post', 'postcontrast', 'gd', 'km', 'enhanced'],
};

/** Every phase keyword: a shared name carrying none of them does not tell phases apart. */
export const ALL_PHASE_WORDS: readonly KeywordGroup[] = [
  PRE_WORDS,
  ARTERIAL_WORDS,
  ARTERIAL_ABBREVIATIONS,
  PORTAL_VENOUS_WORDS,
  DELAYED_WORDS,
  HEPATOBILIARY_WORDS,
  POST_CONTRAST_WORDS,
];

const TIME_IN_NAME = /(?<![a-z0-9.])([0-9]+(?:\.[0-9]+)?) ?(min|mins|minute|minutes|s|sec|secs|seconds)(?![a-z])/g;

/** A delay written in a name ('3min', '3 MIN', '70s', '20 min'), in seconds, with the words found. */
export interface NamedDelay {
  seconds: number;
  text: string;
}

export function findNamedDelays(name: string): NamedDelay[] {
  const out: NamedDelay[] = [];
  for (const m of normaliseName(name).matchAll(TIME_IN_NAME)) {
    const value = Number(m[1]);
    const unit = m[2] ?? '';
    if (!Number.isFinite(value)) continue;
    out.push({ seconds: unit.startsWith('m') ? value * 60 : value, text: m[0] });
  }
  return out;
}

/** True when the name carries a phase word or a delay: names like that are not "identical dynamic" names. */
export function hasPhaseWording(name: string): boolean {
  return ALL_PHASE_WORDS.some((g) => findKeywords(name, g).length > 0) || findNamedDelays(name).length > 0;
}
