import type { Vec3 } from '../../src/core/types/volume';

/**
 * Anatomy and tissue values of the phantom. Everything is analytic (ellipsoids and spheres in
 * patient millimetres), evaluated at voxel centres, so every voxel holds exactly one tissue and
 * the ground truth follows from the same definitions without any measurement code.
 *
 * Patient frame: DICOM LPS (x to the patient's left, y posterior, z head-ward), origin at the
 * scanner isocentre for a patient lying at the baseline position.
 */

export type TimePointKey = 'baseline' | 'follow-up';
export const TIME_POINTS: readonly TimePointKey[] = ['baseline', 'follow-up'];

/** Physical field of view of the T1 grid (mm): lesion sizes in mm/mL do not depend on --size. */
export const FOV_MM: Vec3 = [380, 380, 200];
/** DWI/ADC grid: about half the in-plane matrix, slices this much thicker than T1. */
export const DWI_SLICE_FACTOR = 1.6;
/** DWI origin offset in DWI voxels (non-integer so the DWI grid is truly shifted against T1). */
export const DWI_OFFSET_VOXELS: Vec3 = [0.31, -0.23, 0.35];

/** Bounded multiplicative noise: value * (1 + u), u uniform in [-NOISE_AMPLITUDE, +NOISE_AMPLITUDE]. */
export const NOISE_AMPLITUDE = 0.015;

export interface Ellipsoid { centreMm: Vec3; semiAxesMm: Vec3 }
export interface Sphere { centreMm: Vec3; radiusMm: number }

export const BODY: Ellipsoid = { centreMm: [0, 0, 0], semiAxesMm: [165, 125, 300] };
/** Liver = union of a right and a left lobe (then clipped to the body). */
export const LIVER_LOBES: readonly Ellipsoid[] = [
  { centreMm: [-55, 5, 0], semiAxesMm: [75, 70, 85] },
  { centreMm: [25, -15, 25], semiAxesMm: [55, 40, 40] },
];
/** Non-tumorous liver reference ROI ("Liver reference"), away from both lesions. */
export const LIVER_REFERENCE: Sphere = { centreMm: [-85, -28, 38], radiusMm: 15 };

export interface LesionAtTimePoint {
  /** 1-based lesion number: "Lesion <n>", the same lesion at every time point. */
  n: number;
  label: string;
  whole: Sphere;
  /** Viable (arterially enhancing) part: the whole lesion, or one sphere inside it (rest necrotic). */
  viable: 'whole' | Sphere;
}

const LESION1_CENTRE: Vec3 = [-70, 10, 2];
const LESION2_CENTRE: Vec3 = [-40, 36, -33];

/**
 * Lesions per time point, in the patient's own (baseline) frame. Sizes chosen so that every
 * criterion's change on the digitised masks stays at least ~8 points from its thresholds at every
 * supported size (64x64x20 .. 512x512x120; margins.test.ts). Analytic changes: RECIST +5.3 % (SD),
 * WHO +12.8 % (SD), mRECIST -42.4 % (PR), EASL -64.0 % (PR), qEASL -76.3 % (PR), vRECIST +22.5 % (SD);
 * Lesion 1 volume +28.7 % while its enhancing volume falls (the necrotic-swelling flag).
 */
export const LESIONS: Record<TimePointKey, readonly LesionAtTimePoint[]> = {
  baseline: [
    { n: 1, label: 'Lesion 1', whole: { centreMm: LESION1_CENTRE, radiusMm: 20 }, viable: 'whole' },
    { n: 2, label: 'Lesion 2', whole: { centreMm: LESION2_CENTRE, radiusMm: 13 }, viable: 'whole' },
  ],
  'follow-up': [
    // Sorafenib pattern: grows (haemorrhagic necrotic swelling), one small viable nodule at its rim.
    {
      n: 1,
      label: 'Lesion 1',
      whole: { centreMm: LESION1_CENTRE, radiusMm: 21.75 },
      viable: { centreMm: [LESION1_CENTRE[0], LESION1_CENTRE[1] - 14, LESION1_CENTRE[2]], radiusMm: 6 },
    },
    { n: 2, label: 'Lesion 2', whole: { centreMm: LESION2_CENTRE, radiusMm: 13 }, viable: 'whole' },
  ],
};

export interface TimePointDefinition {
  key: TimePointKey;
  /** Where the patient lies relative to the baseline position (mm, LPS): anatomy moves by this. */
  patientShiftMm: Vec3;
  studyDate: string; // YYYYMMDD
  studyTime: string; // HHMMSS
  vendor: 'siemens' | 'ge';
  /** Folder name under the output directory. */
  dir: string;
}

export const TIME_POINT_DEFS: Record<TimePointKey, TimePointDefinition> = {
  baseline: { key: 'baseline', patientShiftMm: [0, 0, 0], studyDate: '20240115', studyTime: '093000', vendor: 'siemens', dir: 'baseline' },
  'follow-up': { key: 'follow-up', patientShiftMm: [3, -2, 7.5], studyDate: '20240418', studyTime: '101500', vendor: 'ge', dir: 'follow-up' },
};

/** Label codes of the voxel label maps (Uint8). Lesion labels: 10 * n + 1 viable, 10 * n + 2 necrotic. */
export const LABEL = {
  air: 0,
  body: 1,
  liver: 2,
  liverReference: 3,
} as const;
export const lesionLabel = (n: number, viable: boolean): number => n * 10 + (viable ? 1 : 2);
/** Lesion number of a label, or 0 when the label is not a lesion. */
export const lesionOfLabel = (label: number): number => (label >= 10 ? Math.floor(label / 10) : 0);
export const isViableLabel = (label: number): boolean => label >= 10 && label % 10 === 1;

export type Tissue = 'air' | 'body' | 'liver' | 'viable' | 'necrosis';
export function tissueOfLabel(label: number): Tissue {
  if (label === LABEL.air) return 'air';
  if (label === LABEL.body) return 'body';
  if (label === LABEL.liver || label === LABEL.liverReference) return 'liver';
  return isViableLabel(label) ? 'viable' : 'necrosis';
}

/** Contrast kinds of the images; each maps a tissue to a value. */
export type ImageKind = 't1_pre' | 'arterial' | 'portal_venous' | 'delayed' | 't2' | 'dwi_s0' | 'adc';

/**
 * Tissue values (arbitrary units; ADC in 1e-6 mm^2/s as scanners store it). Chosen so that an
 * enhancement threshold separates viable from necrotic tumour whatever the noise draws:
 * relative enhancement (art - pre) / pre is 1.43..1.57 in viable tumour, -0.03..+0.03 in necrosis,
 * 0.27..0.33 in liver. Necrosis is T1-hyperintense (haemorrhage) and has a high ADC.
 */
export const TISSUE_VALUES: Record<ImageKind, Record<Tissue, number>> = {
  t1_pre: { air: 0, body: 200, liver: 400, viable: 300, necrosis: 600 },
  arterial: { air: 0, body: 230, liver: 520, viable: 750, necrosis: 600 },
  portal_venous: { air: 0, body: 260, liver: 700, viable: 550, necrosis: 600 },
  delayed: { air: 0, body: 250, liver: 650, viable: 450, necrosis: 600 },
  t2: { air: 0, body: 120, liver: 200, viable: 350, necrosis: 500 },
  /** DWI signal at b = 0; S(b) = S0 * exp(-b * ADC). */
  dwi_s0: { air: 0, body: 800, liver: 1000, viable: 1600, necrosis: 1800 },
  adc: { air: 0, body: 1800, liver: 1300, viable: 1000, necrosis: 2400 },
};

export const B_VALUES_S_PER_MM2: readonly number[] = [0, 50, 400, 800];

/** Noise-free value of a tissue in an image kind (DWI: at b-value `bValue`). */
export function tissueValue(kind: ImageKind, tissue: Tissue, bValue = 0): number {
  const base = TISSUE_VALUES[kind][tissue];
  if (kind !== 'dwi_s0') return base;
  const adcMm2s = TISSUE_VALUES.adc[tissue] * 1e-6;
  return base * Math.exp(-bValue * adcMm2s);
}
