import type { SeriesVolume } from '../core/dicom/model';
import type { LoadedInputs } from './load';

/** The `inspect --json` object: one entry per series volume with what the loader and classifier found. */
export function inspectJson({ tree, filesRead, segmentations, otherObjects }: LoadedInputs) {
  const series = (v: SeriesVolume) => ({
    id: v.id,
    seriesInstanceUid: v.seriesInstanceUid,
    seriesNumber: v.seriesNumber,
    seriesDescription: v.seriesDescription,
    phase: v.classification.phase,
    confidence: v.classification.confidence,
    reasons: v.classification.reasons,
    overridden: v.classification.overridden === true,
    manufacturer: v.manufacturer,
    modality: v.modality,
    sopClassUid: v.sopClassUid,
    transferSyntaxUid: v.transferSyntaxUid,
    frameOfReferenceUid: v.frameOfReferenceUid,
    slices: v.frames.length,
    files: new Set(v.frames.map((f) => f.fileName)).size,
    dims: v.geometry?.dims ?? null,
    spacingMm: v.geometry?.spacingMm ?? null,
    sliceThicknessMm: v.geometry?.sliceThicknessMm ?? null,
    originLps: v.geometry?.originLps ?? null,
    direction: v.geometry?.direction ?? null,
    geometryIssues: v.geometry?.issues ?? [{ kind: 'MISSING_GEOMETRY', message: 'no regular grid' }],
    bValue: v.bValue,
    bValues: v.bValue !== null ? [v.bValue] : v.seriesBValues,
    seriesBValues: v.seriesBValues,
    bValueSource: v.frames.find((f) => f.bValueSource)?.bValueSource ?? null,
    temporalPositionIdentifier: v.temporalPositionIdentifier,
  });
  const volumes = tree.patients.flatMap((p) => p.studies.flatMap((s) => s.series));
  return {
    schema: 'hcc-response/inspect@1',
    summary: {
      filesRead,
      filesLoaded: filesRead - tree.errors.length,
      segmentations: segmentations.length,
      filesRejected: tree.errors.length,
      patients: tree.patients.length,
      timePoints: tree.patients.reduce((n, p) => n + p.studies.length, 0),
      series: volumes.length,
    },
    patients: tree.patients.map((p) => ({
      patientId: p.patientId,
      patientName: p.patientName,
      timePoints: p.studies.map((s) => ({
        index: s.timePointIndex,
        label: s.label,
        studyInstanceUid: s.studyInstanceUid,
        studyDate: isoDate(s.studyDate),
        studyDescription: s.studyDescription,
        series: s.series.map(series),
      })),
    })),
    segmentations: segmentations.map((s) => ({
      fileName: s.fileName,
      sopInstanceUid: s.sopInstanceUid,
      studyInstanceUid: s.studyInstanceUid,
      seriesDescription: s.seriesDescription,
      referencedSeriesInstanceUids: s.referencedSeriesInstanceUids,
      segmentLabels: s.segmentLabels,
    })),
    otherObjects: otherObjects.map((o) => ({ fileName: o.fileName, kind: o.kind, sopClassUid: o.sopClassUid, studyInstanceUid: o.studyInstanceUid })),
    errors: tree.errors,
  };
}

export function isoDate(yyyymmdd: string): string | null {
  return /^\d{8}$/.test(yyyymmdd) ? `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6)}` : null;
}

const fmt = (n: number) => n.toFixed(3).replace(/\.?0+$/, '');

/** Human-readable inspect report. */
export function inspectText(loaded: LoadedInputs): string {
  const out: string[] = [];
  const j = inspectJson(loaded);
  out.push(`${j.summary.filesRead} files read: ${j.summary.filesLoaded} loaded, ${j.summary.filesRejected} rejected`);
  for (const p of j.patients) {
    out.push('', `Patient ${p.patientName || '(no name)'}  ID ${p.patientId || '(none)'}`);
    for (const tp of p.timePoints) {
      out.push(`  ${tp.label}  ${tp.studyDate ?? 'no date'}  ${tp.studyDescription}  (study ${tp.studyInstanceUid})`);
      for (const s of tp.series) {
        const b = s.bValues.length ? `  b=${s.bValues.join(',')} s/mm2${s.bValueSource ? ` [${s.bValueSource}]` : ''}` : '';
        const grid = s.dims && s.spacingMm
          ? `${s.dims.join('x')} @ ${s.spacingMm.map(fmt).join('x')} mm`
          : `${s.slices} images, no regular grid`;
        out.push(`    #${s.seriesNumber ?? '-'} ${s.seriesDescription || '(no description)'}`);
        out.push(`       phase ${s.phase} (${Math.round(s.confidence * 100)} %)${s.overridden ? ' set by user' : ''}  ${grid}${b}`);
        for (const r of s.reasons) out.push(`       - ${r}`);
        for (const g of s.geometryIssues) out.push(`       ! ${g.kind}: ${g.message}`);
      }
    }
  }
  if (j.segmentations.length) {
    out.push('', `Segmentations (${j.segmentations.length}):`);
    for (const s of j.segmentations) {
      out.push(`  ${s.fileName}: ${s.segmentLabels.length} segments (${s.segmentLabels.join(', ')}) on series ${s.referencedSeriesInstanceUids.join(', ') || '(not stated)'}`);
    }
  }
  if (j.otherObjects.length) {
    out.push('', `Other objects (${j.otherObjects.length}):`);
    for (const o of j.otherObjects) out.push(`  ${o.fileName}: ${o.kind}`);
  }
  if (j.errors.length) {
    out.push('', `Files not loaded (${j.errors.length}):`);
    for (const e of j.errors) out.push(`  ${e.fileName ?? '(no file)'}: ${e.code}: ${e.message}`);
  }
  return out.join('\n') + '\n';
}
