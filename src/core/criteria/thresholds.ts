/**
 * Every threshold the response criteria use, with its source. Percentages are in percent (30 = 30 %).
 * Comparisons go through percent-change.ts, which applies a tiny tolerance at exact thresholds.
 */

// --- Target selection (RECIST 1.1: Eisenhauer EA et al., Eur J Cancer 2009;45:228-247, sections 3.1, 3.3) ---
/** Measurable lesion: longest diameter >= 10 mm. mRECIST (Lencioni & Llovet 2010) keeps the rule. */
export const MEASURABLE_MIN_LONGEST_DIAMETER_MM = 10;
/** At most five target lesions in total ... */
export const MAX_TARGET_LESIONS = 5;
/** ... and at most two per organ (the liver is one organ). */
export const MAX_TARGET_LESIONS_PER_ORGAN = 2;

// --- RECIST 1.1 (Eisenhauer 2009, section 4.3.1): sum of longest diameters ---
/** PR: sum down >= 30 % vs baseline. */
export const RECIST11_PR_DECREASE_PCT = 30;
/** PD: sum up >= 20 % vs nadir ... */
export const RECIST11_PD_INCREASE_PCT = 20;
/** ... and at least 5 mm absolute increase over the nadir. */
export const RECIST11_PD_MIN_ABSOLUTE_INCREASE_MM = 5;

// --- WHO (Miller AB et al., Cancer 1981;47:207-214): sum of products of bidimensional diameters ---
/** PR: sum of products down >= 50 %. */
export const WHO_PR_DECREASE_PCT = 50;
/** PD: sum of products up > 25 % (strictly more) vs nadir. */
export const WHO_PD_INCREASE_PCT = 25;

// --- mRECIST (Lencioni R, Llovet JM. Semin Liver Dis 2010;30:52-60): viable (arterially enhancing) diameter ---
/** PR: sum of viable diameters down >= 30 % vs baseline. */
export const MRECIST_PR_DECREASE_PCT = 30;
/** PD: sum of viable diameters up >= 20 % vs nadir; no absolute 5 mm rule in mRECIST. */
export const MRECIST_PD_INCREASE_PCT = 20;

// --- EASL (Bruix J et al., J Hepatol 2001;35:421-430): bidimensional product of the enhancing area ---
/** PR: enhancing area down >= 50 %. */
export const EASL_PR_DECREASE_PCT = 50;
/** PD: enhancing area up > 25 % (strictly more) vs nadir. */
export const EASL_PD_INCREASE_PCT = 25;

// --- qEASL (Lin M et al., J Vasc Interv Radiol 2012;23:1629-1637; Chapiro J et al., Radiology 2014;273:746-758)
//     and vRECIST (3D total volume). Cut-offs as used by Tacher V et al., Radiology 2016;278:275-284. ---
/**
 * PR: volume down >= 65 %, the 3D equivalent of a 30 % diameter decrease for a sphere:
 * 1 - (1 - 0.30)^3 = 1 - 0.343 = 0.657 (the literature rounds to 65 %).
 */
export const VOLUMETRIC_PR_DECREASE_PCT = 65;
/**
 * PD: volume up >= 73 % vs nadir, the 3D equivalent of a 20 % diameter increase:
 * (1 + 0.20)^3 - 1 = 1.728 - 1 = 0.728 (rounded to 73 %).
 */
export const VOLUMETRIC_PD_INCREASE_PCT = 73;

// --- Flags ---
/**
 * Total volume up > 20 % while the enhancing volume falls: possible necrotic swelling, not progression
 * (CLINICAL.md caution: anti-angiogenic responders can grow > 20 % through haemorrhagic necrosis).
 */
export const NECROTIC_SWELLING_VOLUME_INCREASE_PCT = 20;
/**
 * ADC rise > 25 % from baseline: associated with survival after intra-arterial therapy (Bonekamp S, ...,
 * Kamel IR. Radiology 2013;268:420-430, Part I; validated cut-off 25 %). Not validated for sorafenib.
 */
export const ADC_RISE_PCT = 25;
/**
 * T1-hyperintense fraction of the tumour above which its ADC may be confounded by haemorrhage.
 * No published cut-off exists; this is a project choice: intracellular blood products can lower ADC by up
 * to ~1e-3 mm^2/s against liquefied necrosis, so a 10 % voxel share can shift the mean by ~0.1e-3 mm^2/s,
 * about 10 % of a typical HCC ADC - the size of ADC test-retest variability, i.e. large enough to matter.
 */
export const ADC_HAEMORRHAGE_T1_FRACTION_LIMIT = 0.1;
