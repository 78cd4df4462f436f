import type { Phase, SeriesVolume, StudyNode } from '../core/dicom/model';
import { sortForReading } from './phase-labels';

/**
 * The hanging protocol of the reading room: one row per time point, one column per phase.
 * Pure (no DOM, no Cornerstone) so the choice of series per viewport is unit-tested.
 */
export type ColumnId = 't1_pre' | 'arterial' | 'portal_venous' | 't2' | 'dwi' | 'adc';
/** Columns a viewport may be in: the hanging's, and the computed subtraction (added by a toggle). */
export type ViewColumnId = ColumnId | 'subtraction';

export interface HangingColumn {
  id: ColumnId;
  label: string;
  /** Phases that may fill the column by default, best first. */
  phases: readonly Phase[];
}

export const HANGING_COLUMNS: readonly HangingColumn[] = [
  { id: 't1_pre', label: 'T1 pre', phases: ['t1_pre'] },
  { id: 'arterial', label: 'Arterial', phases: ['arterial'] },
  { id: 'portal_venous', label: 'Portal venous', phases: ['portal_venous'] },
  { id: 't2', label: 'T2', phases: ['t2'] },
  { id: 'dwi', label: 'DWI high b', phases: ['dwi'] },
  { id: 'adc', label: 'ADC', phases: ['adc'] },
];

/**
 * The computed subtraction (arterial minus pre): not hung by default; a toggle adds it to every
 * time point right after the arterial column (subtraction-column.ts).
 */
export const SUBTRACTION_COLUMN = { id: 'subtraction', label: 'SUB (computed)' } as const;

/** A viewport's cell of any column (the subtraction's has no candidates). */
export type ViewCell = Omit<HangingCell, 'column'> & { column: ViewColumnId };

/**
 * Order in which columns get their images: arterial first (the phase HCC is read on), then the
 * other contrast phases, then diffusion, T2 last.
 */
export const LOAD_ORDER: readonly ColumnId[] = ['arterial', 'portal_venous', 't1_pre', 'dwi', 'adc', 't2'];

export interface HangingCell {
  /** Stable id of the viewport: "tp<row>-<column>". */
  key: string;
  row: number;
  column: ColumnId;
  /** Volume shown, or null when the time point has nothing to put there. */
  volumeId: string | null;
  /** True when the user picked the volume (kept until the phases change). */
  picked: boolean;
  /** Every volume of the time point, the column's own phases first, for the series picker. */
  candidates: string[];
}

export interface HangingRow {
  row: number;
  study: StudyNode;
  cells: HangingCell[];
}

export const cellKey = (row: number, column: ViewColumnId): string => `tp${row}-${column}`;

function columnOf(id: ColumnId): HangingColumn {
  return HANGING_COLUMNS.find((c) => c.id === id)!;
}

/**
 * Best volume of a study for a column. DWI: the highest b-value (the lesion-conspicuous image).
 * Otherwise a phase the user set wins, then the classifier's confidence, then the lower series number.
 */
export function defaultVolumeFor(study: StudyNode, column: ColumnId): SeriesVolume | null {
  const phases = columnOf(column).phases;
  const matching = study.series.filter((v) => phases.includes(v.classification.phase));
  if (matching.length === 0) return null;
  const rank = (v: SeriesVolume): number[] => [
    phases.indexOf(v.classification.phase),
    column === 'dwi' ? -(v.bValue ?? -1) : 0,
    v.classification.overridden ? 0 : 1,
    -v.classification.confidence,
    v.seriesNumber ?? Number.MAX_SAFE_INTEGER,
  ];
  return [...matching].sort((a, b) => compareRanks(rank(a), rank(b)))[0]!;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function candidatesFor(study: StudyNode, column: ColumnId): string[] {
  const phases = columnOf(column).phases;
  const own = sortForReading(study.series.filter((v) => phases.includes(v.classification.phase)));
  if (column === 'dwi') own.reverse(); // highest b first
  const rest = sortForReading(study.series.filter((v) => !phases.includes(v.classification.phase)));
  return [...own, ...rest].map((v) => v.id);
}

/**
 * Rows (time points, baseline first) x columns. `picks` maps a cell key to the volume the user chose;
 * a pick naming a volume the study no longer has is ignored.
 */
export function hangStudies(studies: readonly StudyNode[], picks: Readonly<Record<string, string>> = {}): HangingRow[] {
  return [...studies]
    .sort((a, b) => a.timePointIndex - b.timePointIndex)
    .map((study, row) => ({
      row,
      study,
      cells: HANGING_COLUMNS.map((column) => {
        const key = cellKey(row, column.id);
        const picked = picks[key];
        const valid = picked !== undefined && study.series.some((v) => v.id === picked);
        return {
          key,
          row,
          column: column.id,
          volumeId: valid ? picked : (defaultVolumeFor(study, column.id)?.id ?? null),
          picked: valid,
          candidates: candidatesFor(study, column.id),
        };
      }),
    }));
}

/** Cells in the order their first image should load: arterial column first, baseline before follow-up. */
export function cellsInLoadOrder(rows: readonly HangingRow[]): HangingCell[] {
  const cells = rows.flatMap((r) => r.cells);
  return [...cells].sort((a, b) => LOAD_ORDER.indexOf(a.column) - LOAD_ORDER.indexOf(b.column) || a.row - b.row);
}

/** The next/previous candidate of a cell (PageDown/PageUp), wrapping around. */
export function stepCandidate(cell: HangingCell, step: 1 | -1): string | null {
  if (cell.candidates.length === 0) return null;
  const at = cell.volumeId === null ? -1 : cell.candidates.indexOf(cell.volumeId);
  if (at < 0) return step === 1 ? cell.candidates[0]! : cell.candidates[cell.candidates.length - 1]!;
  const next = (at + step + cell.candidates.length) % cell.candidates.length;
  return cell.candidates[next]!;
}

/**
 * Rank of each volume in the order the room fills its viewports (0 = the first viewport's series),
 * for reading the files of those series first; volumes no viewport shows by default are absent.
 */
export function loadRanks(rows: readonly HangingRow[]): Map<string, number> {
  const ranks = new Map<string, number>();
  cellsInLoadOrder(rows).forEach((cell, rank) => {
    if (cell.volumeId !== null && !ranks.has(cell.volumeId)) ranks.set(cell.volumeId, rank);
  });
  return ranks;
}
