import { utilities } from '@cornerstonejs/core';
import type { StudyNode } from '../core/dicom/model';
import { el, setText } from './dom';
import { formatStudyDate, PHASE_LABELS } from './phase-labels';
import type { VolumeProgress } from './loading';
import type { ViewportCell } from './viewport-cell';
import { planeName } from './view-plane';
import { subtractionMotion } from './subtraction-loader';
import { formatWindow, type WindowLevel } from './voi-presets';

/** Current window of a viewport in W/L terms (Cornerstone keeps a lower/upper range). */
export function currentWindow(cell: ViewportCell): WindowLevel | null {
  const range = cell.voiRange;
  return range ? utilities.windowLevel.toWindowLevel(range.lower, range.upper) : null;
}

function lines(node: HTMLElement, texts: string[]): void {
  while (node.children.length < texts.length) node.append(el('div'));
  while (node.children.length > texts.length) node.lastElementChild!.remove();
  texts.forEach((t, i) => setText(node.children[i]!, t));
}

/**
 * The four text corners (UX.md §2, MR additions): top-left time point + date, series, phase and
 * b-value; top-right loading (else empty, as OHIF); bottom-left window; bottom-right slice position
 * (mm along the normal) and image x/N.
 */
export function updateOverlay(cell: ViewportCell, study: StudyNode, progress: VolumeProgress | undefined): void {
  const { corners } = cell.dom;
  const v = cell.volume;
  if (!v) {
    lines(corners.tl, [`${study.label} · ${formatStudyDate(study.studyDate)}`]);
    for (const c of [corners.tr, corners.bl, corners.br]) lines(c, []);
    corners.tr.classList.remove('hcc-warn');
    cell.dom.progressBar.parentElement!.hidden = true;
    return;
  }
  const phase = PHASE_LABELS[v.classification.phase] + (v.classification.overridden ? ' (set by user)' : '');
  const plane = cell.currentPlane();
  lines(corners.tl, [
    `${study.label} · ${formatStudyDate(study.studyDate)}`,
    v.seriesDescription || '(no description)',
    v.bValue !== null ? `${phase} · b = ${v.bValue} s/mm²` : phase,
    ...(cell.orientation !== 'acquired' && plane ? [`${planeName(plane.normal)} reformat`] : []),
  ]);
  const loading = progress && progress.loaded + progress.failed < progress.total ? `Loading ${progress.loaded}/${progress.total}` : '';
  const failed = progress && progress.failed > 0 ? `${progress.failed} image(s) failed` : '';
  const shownId = cell.displayedIndex >= 0 ? cell.imageIds[cell.displayedIndex] : undefined;
  const motion = shownId ? subtractionMotion(shownId) : null;
  // Short (the corner is narrow): misregistered phases leave rims in the subtraction that are not enhancement.
  const motionText = motion ? `Motion? pre ${Math.hypot(motion.dxMm, motion.dyMm).toFixed(1)} mm off` : '';
  // Top right stays empty as in OHIF (the series number is in the header's series menu), but for loading news and warnings.
  lines(corners.tr, [loading, failed, motionText].filter(Boolean));
  corners.tr.classList.toggle('hcc-warn', motionText !== '');
  const wl = currentWindow(cell);
  const invert = cell.invert ? 'Inverted' : '';
  lines(corners.bl, [wl ? formatWindow(wl) : '', invert].filter(Boolean));
  const thickness = cell.orientation === 'acquired' ? v.geometry?.sliceThicknessMm : plane?.spacingMm;
  lines(corners.br, [
    plane ? `Loc ${plane.offsetMm.toFixed(1)} mm` : '',
    thickness != null ? `Thk ${thickness.toFixed(1)} mm` : '',
    plane ? `Im ${plane.index + 1}/${plane.count}` : '',
  ].filter(Boolean));
  setText(cell.dom.orient, { acquired: 'Acq', coronal: 'Cor', sagittal: 'Sag' }[cell.orientation]);
  const p = progress ? (progress.loaded + progress.failed) / Math.max(1, progress.total) : 0;
  cell.dom.progressBar.style.width = `${Math.round(p * 100)}%`;
  cell.dom.progressBar.parentElement!.hidden = p >= 1;
}
