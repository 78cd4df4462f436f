/**
 * Puts an imported SEG into one time point of the lesion model (one edit: commit it to the history
 * so the user can undo the import).
 * - `Lesion <n>` replaces that lesion's tumour here (the lesion is added when new);
 *   `Lesion <n> enhancing` its enhancing part, with the tumour grown to hold it (nothing imported is
 *   clipped away; a warning says when the tumour grew);
 * - `Liver reference` replaces the liver reference;
 * - any other label is kept as an 'other' segment (replacing one of the same label).
 * Segments that share a role (two "Lesion 1") are merged; empty segments are skipped, so an empty
 * segment never erases what was drawn.
 */
import { addLesion, findLesion, updateTimePoint } from './lesion-model';
import { getLayer, setLayer } from './layer-edit';
import { unionMasks } from './mask-ops';
import type { LayerMask, LayerRef, RoiModel } from './model';
import type { SegImportResult } from './seg-import';
import { sparseVoxelCount } from './sparse-mask';
import type { SparseMask } from './sparse-mask';

export interface ApplySegOptions {
  /** Time point to fill; default the SEG's StudyInstanceUID. */
  studyInstanceUid?: string;
  /** Target flag of lesions the SEG adds (default true). */
  newLesionsTarget?: boolean;
}

export interface ApplySegResult {
  model: RoiModel;
  /** Lesion numbers the SEG set a mask for. */
  lesionNumbers: number[];
  warnings: string[];
}

export function applySegImport(model: RoiModel, result: SegImportResult, options: ApplySegOptions = {}): ApplySegResult {
  const studyInstanceUid = options.studyInstanceUid ?? result.studyInstanceUid;
  const warnings: string[] = [];
  // Merge segments of the same role first.
  const byRole = new Map<string, { ref: LayerRef | null; label: string; mask: SparseMask }>();
  for (const s of result.segments) {
    if (s.voxelCount === 0) {
      warnings.push(`segment ${s.segmentNumber} "${s.label}" has no voxels: skipped`);
      continue;
    }
    // Layers our export derives (the automatic enhancing split, tumour minus enhancing) are not
    // drawings: importing them as a drawn enhancing part would freeze today's method and threshold.
    if (s.role.kind === 'necrotic' || (s.role.kind === 'enhancing' && s.algorithmType !== 'MANUAL')) {
      warnings.push(
        `segment ${s.segmentNumber} "${s.label}" was derived (${s.algorithmType}), not drawn: not imported; it is recomputed from the images by the enhancement method`,
      );
      continue;
    }
    const ref: LayerRef | null =
      s.role.kind === 'tumour' || s.role.kind === 'enhancing'
        ? { studyInstanceUid, layer: s.role.kind, lesionNumber: s.role.lesionNumber }
        : s.role.kind === 'liverReference'
          ? { studyInstanceUid, layer: 'liverReference' }
          : null;
    const key = ref === null ? `other:${s.label}` : `${ref.layer}:${'lesionNumber' in ref ? ref.lesionNumber : ''}`;
    const seen = byRole.get(key);
    if (seen !== undefined) {
      warnings.push(`segments "${seen.label}" and "${s.label}" name the same structure: merged`);
      seen.mask = unionMasks(seen.mask, s.mask);
    } else byRole.set(key, { ref, label: s.label, mask: s.mask });
  }

  let next = model;
  const lesionNumbers = new Set<number>();
  const entries = [...byRole.values()];
  // Tumours before enhancing parts, so an enhancing part meets its own lesion's imported tumour.
  const order = (e: (typeof entries)[number]): number => (e.ref === null ? 3 : e.ref.layer === 'tumour' ? 0 : e.ref.layer === 'enhancing' ? 1 : 2);
  entries.sort((a, b) => order(a) - order(b));
  for (const { ref, label, mask } of entries) {
    const layer: LayerMask = { seriesId: result.seriesId, mask };
    if (ref === null) {
      next = updateTimePoint(next, studyInstanceUid, (tp) => ({
        ...tp,
        otherSegments: [...tp.otherSegments.filter((o) => o.label !== label), { label, layer }],
      }));
      continue;
    }
    if (ref.layer !== 'liverReference') {
      if (findLesion(next, ref.lesionNumber) === undefined) {
        next = addLesion(next, { lesionNumber: ref.lesionNumber, target: options.newLesionsTarget ?? true }).model;
      }
      lesionNumbers.add(ref.lesionNumber);
    }
    if (ref.layer === 'enhancing') {
      const tumourRef: LayerRef = { studyInstanceUid, layer: 'tumour', lesionNumber: ref.lesionNumber };
      const before = getLayer(next, tumourRef);
      next = setLayer(next, ref, layer, 'growTumour');
      const after = getLayer(next, tumourRef);
      if (before !== null && after !== null && sparseVoxelCount(after.mask) > sparseVoxelCount(before.mask)) {
        warnings.push(`"${label}" reaches outside Lesion ${ref.lesionNumber}: the tumour was grown to contain it`);
      }
    } else {
      next = setLayer(next, ref, layer);
    }
  }
  return { model: next, lesionNumbers: [...lesionNumbers].sort((a, b) => a - b), warnings };
}
