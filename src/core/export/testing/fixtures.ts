/**
 * Hand-made inputs for the export tests: a tiny two-time-point MR study (5 columns x 4 rows x 3 slices,
 * written as DICOM and ingested like real files), masks given voxel by voxel, and a measurements
 * document whose numbers the tests work out by hand.
 */
import { ingestFiles } from '../../dicom/ingest';
import type { SeriesVolume } from '../../dicom/model';
import { mrSliceFile } from '../../dicom/testing/mr-slice';
import { MEASUREMENTS_SCHEMA, type LesionMeasurement, type MeasurementsDocument } from '../../measure/types';
import type { TimePointRois } from '../../roi/types';
import type { Mask3D, Vec3 } from '../../types/volume';
import { uidFactory, type DicomExportContext } from '../context';

export const COLUMNS = 5;
export const ROWS = 4;
export const SLICES = 3;
export const PIXEL_SPACING_MM: [number, number] = [0.8, 0.7]; // [row spacing (y), column spacing (x)]
export const SLICE_STEP_MM = 2.5;
export const BASELINE_STUDY = '1.2.826.0.1.3680043.10.1.1';
export const FOLLOW_UP_STUDY = '1.2.826.0.1.3680043.10.1.2';
export const seriesUid = (study: string): string => `${study}.7`;
export const sliceUid = (study: string, k: number): string => `${study}.7.${k + 1}`;

export interface SourceStudy {
  series: SeriesVolume;
  files: Array<{ name: string; bytes: Uint8Array }>;
}

/** Three axial slices at z = 10, 12.5, 15 mm, written in reverse order so ingest has to sort them. */
export function makeSourceStudy(study: string, studyDate: string): SourceStudy {
  const files = [2, 1, 0].map((k) => ({
    name: `${study}-${k}.dcm`,
    bytes: mrSliceFile({
      sopInstanceUid: sliceUid(study, k),
      studyInstanceUid: study,
      seriesInstanceUid: seriesUid(study),
      studyDate,
      studyTime: '093000',
      patientId: 'HCC-001',
      seriesDescription: 't1_vibe_fs_tra_arterial',
      instanceNumber: k + 1,
      rows: ROWS,
      columns: COLUMNS,
      ipp: [-20, -30, 10 + k * SLICE_STEP_MM],
      pixelSpacing: PIXEL_SPACING_MM,
      sliceThickness: 3,
    }),
  }));
  const tree = ingestFiles(files);
  const series = tree.patients[0]?.studies[0]?.series[0];
  if (series === undefined || tree.errors.length > 0) throw new Error(`fixture study did not ingest: ${JSON.stringify(tree.errors)}`);
  return { series, files };
}

/** A mask on the fixture grid with exactly the listed voxels [i (column), j (row), k (slice)]. */
export function maskOf(voxels: ReadonlyArray<Vec3>): Mask3D {
  const data = new Uint8Array(COLUMNS * ROWS * SLICES);
  for (const [i, j, k] of voxels) data[i + j * COLUMNS + k * COLUMNS * ROWS] = 1;
  return {
    dims: [COLUMNS, ROWS, SLICES],
    spacingMm: [PIXEL_SPACING_MM[1], PIXEL_SPACING_MM[0], SLICE_STEP_MM],
    originLps: [-20, -30, 10],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    data,
  };
}

/**
 * Baseline ROIs: lesion 1 tumour on slices 0-1 with a drawn enhancing part, lesion 2 tumour on slice 2
 * (enhancing derived by the caller), liver reference on slice 2.
 */
export function baselineRois(): TimePointRois {
  return {
    studyInstanceUid: BASELINE_STUDY,
    seriesInstanceUid: seriesUid(BASELINE_STUDY),
    lesions: [
      {
        lesionNumber: 1,
        target: true,
        organ: 'liver',
        tumour: maskOf([[1, 0, 0], [2, 1, 0], [1, 1, 1], [2, 1, 1], [3, 1, 1]]),
        enhancing: maskOf([[2, 1, 0], [1, 1, 1]]),
      },
      { lesionNumber: 2, target: true, organ: 'liver', tumour: maskOf([[0, 3, 2], [1, 3, 2]]), enhancing: null },
    ],
    liverReference: maskOf([[4, 0, 2], [4, 1, 2], [4, 2, 2]]),
    nonTargetStatus: null,
    newLesion: false,
  };
}

/** Follow-up ROIs: both tumours drawn, no enhancing part drawn, no liver reference. */
export function followUpRois(): TimePointRois {
  return {
    studyInstanceUid: FOLLOW_UP_STUDY,
    seriesInstanceUid: seriesUid(FOLLOW_UP_STUDY),
    lesions: [
      { lesionNumber: 1, target: true, organ: 'liver', tumour: maskOf([[1, 1, 1], [2, 1, 1], [2, 2, 1]]), enhancing: null },
      { lesionNumber: 2, target: true, organ: 'liver', tumour: maskOf([[0, 3, 2]]), enhancing: null },
    ],
    liverReference: null,
    nonTargetStatus: null,
    newLesion: false,
  };
}

export const UID_ROOT = '1.2.826.0.1.3680043.10.999';

export function exportContext(): DicomExportContext {
  return {
    makeUid: uidFactory(UID_ROOT),
    contentDate: '20240402',
    contentTime: '101500',
    softwareVersion: '0.1.0',
    operatorName: 'Reader^Test',
  };
}

function lesion(label: string, values: Partial<LesionMeasurement>): LesionMeasurement {
  return {
    label,
    target: true,
    volumeMl: null,
    enhancingVolumeMl: null,
    necroticVolumeMl: null,
    enhancingFraction: null,
    longestDiameterMm: null,
    perpendicularDiameterMm: null,
    viableLongestDiameterMm: null,
    viablePerpendicularDiameterMm: null,
    adc: null,
    t1RatioToLiver: null,
    t2RatioToLiver: null,
    t1HyperintenseFraction: null,
    flags: [],
    ...values,
  };
}

const adc = (meanMm2s: number) => ({
  meanMm2s,
  medianMm2s: meanMm2s,
  sdMm2s: 0.0002,
  p10Mm2s: meanMm2s - 0.0003,
  p25Mm2s: meanMm2s - 0.0001,
  p75Mm2s: meanMm2s + 0.0001,
  p90Mm2s: meanMm2s + 0.0003,
  voxels: 120,
});

const series = (study: string) => ({
  pre: `${study}.5`,
  arterial: seriesUid(study),
  portalVenous: null,
  delayed: null,
  t2: null,
  dwi: `${study}.8`,
  adc: `${study}.9`,
});

/**
 * Two time points. Lesion 1 shrinks in viable diameter 30 -> 12 mm (-60 %) while its volume grows
 * 20 -> 25 mL (+25 %); lesion 2 has no ADC and no viable diameters at follow-up (null, not measured),
 * so mRECIST and EASL are NE there.
 */
export function sampleDocument(): MeasurementsDocument {
  return {
    schema: MEASUREMENTS_SCHEMA,
    generator: { name: 'hcc-response', version: '0.1.0' },
    method: { enhancement: { kind: 'relative-threshold', threshold: 0.5 }, adcSource: 'map' },
    timePoints: [
      {
        studyInstanceUid: BASELINE_STUDY,
        studyDate: '2024-01-15',
        label: 'Baseline',
        series: series(BASELINE_STUDY),
        lesions: [
          lesion('Lesion 1', {
            volumeMl: 20, enhancingVolumeMl: 12, necroticVolumeMl: 8, enhancingFraction: 0.6,
            longestDiameterMm: 40, perpendicularDiameterMm: 30, viableLongestDiameterMm: 30, viablePerpendicularDiameterMm: 22,
            adc: adc(0.00112), t1RatioToLiver: 0.9, t2RatioToLiver: 1.8, t1HyperintenseFraction: 0.02,
          }),
          lesion('Lesion 2', {
            volumeMl: 4.25, enhancingVolumeMl: 3.4, necroticVolumeMl: 0.85, enhancingFraction: 0.8,
            longestDiameterMm: 20, perpendicularDiameterMm: 18, viableLongestDiameterMm: 18, viablePerpendicularDiameterMm: 15,
            adc: adc(0.00098),
          }),
        ],
      },
      {
        studyInstanceUid: FOLLOW_UP_STUDY,
        studyDate: '2024-04-02',
        label: 'FU1',
        series: series(FOLLOW_UP_STUDY),
        lesions: [
          lesion('Lesion 1', {
            volumeMl: 25, enhancingVolumeMl: 3, necroticVolumeMl: 22, enhancingFraction: 0.12,
            longestDiameterMm: 42, perpendicularDiameterMm: 33, viableLongestDiameterMm: 12, viablePerpendicularDiameterMm: 9,
            adc: adc(0.00145),
            flags: ['Lesion 1: size increase with loss of enhancement - possible necrotic swelling, not progression.'],
          }),
          lesion('Lesion 2', {
            volumeMl: 4, enhancingVolumeMl: 0.8, necroticVolumeMl: 3.2, enhancingFraction: 0.2,
            longestDiameterMm: 19, perpendicularDiameterMm: 17,
          }),
        ],
      },
    ],
    response: [
      {
        timePoint: 1,
        vsBaseline: 0,
        vsNadir: 0,
        criteria: {
          recist11: { category: 'SD', sum: 61, changeFromBaselinePct: 1.6666666666666667, changeFromNadirPct: 1.6666666666666667, reasons: ['sum 60 -> 61 mm'] },
          who: { category: 'SD', sum: 1709, changeFromBaselinePct: 9.551282051282051, changeFromNadirPct: 9.551282051282051, reasons: [] },
          mrecist: { category: 'NE', sum: null, changeFromBaselinePct: null, changeFromNadirPct: null, reasons: ['Lesion 2: viable diameter not measured'] },
          easl: { category: 'NE', sum: null, changeFromBaselinePct: null, changeFromNadirPct: null, reasons: [] },
          qeasl: { category: 'PR', sum: 3.8, changeFromBaselinePct: -75.32467532467534, changeFromNadirPct: -75.32467532467534, reasons: [] },
          vrecist: { category: 'SD', sum: 29, changeFromBaselinePct: 19.58762886597938, changeFromNadirPct: 19.58762886597938, reasons: [] },
        },
        adcChangePct: 29.46428571428572,
        flags: ['Size and enhancement criteria disagree (vRECIST SD vs qEASL PR).'],
      },
    ],
  };
}
