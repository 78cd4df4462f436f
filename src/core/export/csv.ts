/**
 * CSV exports (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break,
 * quotes doubled). Two files, because a lesion row and a criterion row have different columns:
 * - measurementsCsv: one row per lesion x time point, units in the column names;
 * - responseCsv: one row per follow-up x criterion; the sum goes in the column of its unit.
 * Unknown values are empty cells (never 0); numbers are written in full precision (this is data,
 * the report text is the rounded view).
 */
import { CRITERIA } from '../criteria/assess';
import { percentChange } from '../criteria/percent-change';
import { CRITERION_IDS, type SumUnit } from '../criteria/types';
import type { LesionMeasurement, MeasurementsDocument } from '../measure/types';

type Cell = string | number | boolean | null;

export function csvField(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export const MEASUREMENT_COLUMNS = [
  'time_point_index', 'time_point_label', 'study_date', 'study_instance_uid', 'lesion', 'target',
  'volume_ml', 'enhancing_volume_ml', 'necrotic_volume_ml', 'enhancing_fraction',
  'longest_diameter_mm', 'perpendicular_diameter_mm', 'viable_longest_diameter_mm', 'viable_perpendicular_diameter_mm',
  'adc_mean_mm2_s', 'adc_median_mm2_s', 'adc_sd_mm2_s', 'adc_p10_mm2_s', 'adc_p25_mm2_s', 'adc_p75_mm2_s', 'adc_p90_mm2_s', 'adc_voxels',
  't1_ratio_to_liver', 't2_ratio_to_liver', 't1_hyperintense_fraction',
  'volume_change_from_baseline_pct', 'enhancing_volume_change_from_baseline_pct',
  'viable_longest_diameter_change_from_baseline_pct', 'adc_mean_change_from_baseline_pct', 'flags',
] as const;

const changeOf = (base: number | null | undefined, current: number | null): number | null =>
  base === null || base === undefined || current === null ? null : percentChange(base, current);

function lesionRow(index: number, doc: MeasurementsDocument, l: LesionMeasurement): Cell[] {
  const tp = doc.timePoints[index];
  const base = index === 0 ? undefined : doc.timePoints[0]?.lesions.find((b) => b.label === l.label);
  const a = l.adc;
  return [
    index, tp?.label ?? null, tp?.studyDate ?? null, tp?.studyInstanceUid ?? null, l.label, l.target,
    l.volumeMl, l.enhancingVolumeMl, l.necroticVolumeMl, l.enhancingFraction,
    l.longestDiameterMm, l.perpendicularDiameterMm, l.viableLongestDiameterMm, l.viablePerpendicularDiameterMm,
    a?.meanMm2s ?? null, a?.medianMm2s ?? null, a?.sdMm2s ?? null, a?.p10Mm2s ?? null, a?.p25Mm2s ?? null, a?.p75Mm2s ?? null, a?.p90Mm2s ?? null, a?.voxels ?? null,
    l.t1RatioToLiver, l.t2RatioToLiver, l.t1HyperintenseFraction,
    changeOf(base?.volumeMl, l.volumeMl), changeOf(base?.enhancingVolumeMl, l.enhancingVolumeMl),
    changeOf(base?.viableLongestDiameterMm, l.viableLongestDiameterMm), changeOf(base?.adc?.meanMm2s, a?.meanMm2s ?? null),
    l.flags.join('; '),
  ];
}

/** One row per lesion x time point; changes are vs the baseline (time point 0) lesion of the same label. */
export function measurementsCsv(doc: MeasurementsDocument): string {
  const rows = doc.timePoints.flatMap((tp, i) => tp.lesions.map((l) => lesionRow(i, doc, l)));
  return csv(MEASUREMENT_COLUMNS, rows);
}

export const RESPONSE_COLUMNS = [
  'time_point_index', 'time_point_label', 'criterion', 'category', 'sum_mm', 'sum_mm2', 'sum_ml',
  'change_from_baseline_pct', 'change_from_nadir_pct', 'reasons', 'adc_change_pct', 'flags',
] as const;

const SUM_COLUMN: Record<SumUnit, number> = { mm: 0, 'mm²': 1, mL: 2 };

/** One row per follow-up x criterion (criteria in the fixed order RECIST 1.1, WHO, mRECIST, EASL, qEASL, vRECIST). */
export function responseCsv(doc: MeasurementsDocument): string {
  const rows = doc.response.flatMap((r) =>
    CRITERION_IDS.map((id) => {
      const c = r.criteria[id];
      const sums: Cell[] = [null, null, null];
      sums[SUM_COLUMN[CRITERIA[id].unit]] = c.sum;
      return [
        r.timePoint, doc.timePoints[r.timePoint]?.label ?? null, CRITERIA[id].name, c.category, ...sums,
        c.changeFromBaselinePct, c.changeFromNadirPct, c.reasons.join('; '), r.adcChangePct, r.flags.join('; '),
      ];
    }),
  );
  return csv(RESPONSE_COLUMNS, rows);
}
