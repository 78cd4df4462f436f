import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { toErrorInfo, type HccErrorInfo } from '../core/errors';
import type { StudyNode } from '../core/dicom/model';
import { readVolume } from '../core/dicom/read-volume';
import { resolveMeasureConfig, type MeasureConfig } from '../core/measure/config';
import { buildMeasurementsDocument } from '../core/measure/document';
import { measureLesion } from '../core/measure/lesion';
import { readRoleVolumes, selectSeriesByRole, timePointInput, type SeriesSelection } from '../core/measure/series-roles';
import { lesionInputs, timePointResult } from '../core/measure/study';
import type { TimePointResult } from '../core/measure/inputs';
import type { TimePointRois } from '../core/roi/types';
import type { Mask3D } from '../core/types/volume';
import { buildSeg, buildSr, measurementsCsv, reportText, responseCsv, serializeMeasurements, uidFactory, type DicomExportContext } from '../core/export';
import type { SegReference } from '../core/export/seg-export';
import { loadInputs } from './load';
import { readFileBytes } from './read-files';
import { parseMeasureArgs, MEASURE_USAGE } from './measure-options';
import { roisFromSegs } from './measure-rois';
import type { CliIo } from './main';

/** Roles whose absence leaves figures unknown, and which figures. */
const ROLE_NEEDS: Array<[keyof SeriesSelection, string]> = [
  ['pre', 'enhancement split, enhancing volume and fraction, viable diameters, T1 ratio and hyperintensity'],
  ['arterial', 'enhancement split, enhancing volume and fraction, viable diameters'],
  ['t2', 'T2 ratio'],
  ['adc', 'ADC from the scanner map (a fit over the DWI b-values is used when DWI exists)'],
  ['dwiHighB', 'ADC fit (when there is no ADC map)'],
];

export function runMeasure(args: readonly string[], io: CliIo): number {
  const parsed = parseMeasureArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`hcc-response measure: ${parsed}\n\nusage: hcc-response measure ...\n${MEASURE_USAGE}`);
    return 2;
  }
  let config: MeasureConfig;
  try {
    config = resolveMeasureConfig(parsed.config);
  } catch (error) {
    io.stderr(`hcc-response measure: ${toErrorInfo(error).message}\n`);
    return 2;
  }
  const fail = (message: string): number => {
    io.stderr(`hcc-response measure: ${message}\n`);
    return 1;
  };
  const { tree, segmentations } = loadInputs(parsed.paths, io.cwd);
  reportErrors(io, tree.errors);
  if (tree.patients.length === 0) return fail('no images could be loaded (reasons above)');
  if (tree.patients.length > 1) {
    return fail(`measure works on one patient at a time; the inputs hold ${tree.patients.map((p) => `${p.patientName || '(no name)'} [${p.patientId}]`).join(', ')}`);
  }
  const patient = tree.patients[0]!;
  if (segmentations.length === 0) {
    return fail("no DICOM SEG among the inputs: nothing says where the lesions are (segments 'Lesion <n>', 'Liver reference')");
  }
  const rois = roisFromSegs(patient.patientId, patient.studies, segmentations);
  reportErrors(io, rois.errors);
  for (const w of rois.warnings) io.stderr(`note: ${w}\n`);
  const studies = patient.studies.filter((s) => rois.byStudy.has(s.studyInstanceUid));
  for (const s of patient.studies) {
    if (!rois.byStudy.has(s.studyInstanceUid)) io.stderr(`warning: ${describe(s)}: no SEG for this time point: not measured\n`);
  }
  if (studies.length === 0) return fail('no SEG could be placed on the loaded images (reasons above)');

  const results: TimePointResult[] = [];
  const derived: Array<Map<number, Mask3D>> = [];
  const selections: SeriesSelection[] = [];
  for (const study of studies) {
    const selection = selectSeriesByRole(study);
    selections.push(selection);
    for (const [role, figures] of ROLE_NEEDS) {
      if (selection[role] === null) io.stderr(`warning: ${describe(study)}: no ${role} series: ${figures} not measured\n`);
    }
    let volumes;
    try {
      volumes = readRoleVolumes(selection, (v) => readVolume(v, (name) => readFileBytes(path.resolve(io.cwd, name))));
    } catch (error) {
      const e = toErrorInfo(error);
      return fail(`${describe(study)}: ${e.fileName ? `${e.fileName}: ` : ''}${e.message} (${e.code})`);
    }
    const tp = timePointInput(study, selection, volumes, rois.byStudy.get(study.studyInstanceUid)!);
    const lesionResults = lesionInputs(tp, config).map((input) => measureLesion({ ...input, includeEnhancingMask: true }));
    results.push(timePointResult(tp, lesionResults));
    derived.push(derivedEnhancing(tp.rois, lesionResults.map((r) => r.enhancingMask)));
  }

  const version = packageVersion();
  const document = buildMeasurementsDocument({ generator: { name: 'hcc-response', version }, config, timePoints: results });
  const out = path.resolve(io.cwd, parsed.outDir);
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  const write = (name: string, data: string | Uint8Array): void => {
    writeFileSync(path.join(out, name), data);
    written.push(path.join(parsed.outDir, name));
  };
  write('measurements.json', serializeMeasurements(document));
  write('measurements.csv', measurementsCsv(document));
  write('response.csv', responseCsv(document));
  const report = reportText(document);
  write('report.txt', report);

  const context = exportContext(version);
  const segs: SegReference[] = [];
  studies.forEach((study, i) => {
    const timePointRois = rois.byStudy.get(study.studyInstanceUid)!;
    const source = study.series.find((v) => v.seriesInstanceUid === timePointRois.seriesInstanceUid);
    if (source === undefined) {
      io.stderr(`warning: ${describe(study)}: the series the lesions were drawn on is not loaded: no SEG written\n`);
      return;
    }
    const seg = buildSeg(
      { source, rois: timePointRois, derivedEnhancing: derived[i]!, enhancementAlgorithmName: enhancementName(config) },
      { ...context, seriesNumber: 901 },
    );
    write(`seg-${String(i).padStart(2, '0')}-${slug(study.label)}.dcm`, seg.bytes);
    segs.push(seg);
  });
  const latest = studies[studies.length - 1]!.series[0]!.header;
  write('sr.dcm', buildSr({ document, study: latest, segs }, { ...context, seriesNumber: 902 }).bytes);

  io.stdout(`${report.trimEnd()}\n\nwritten:\n${written.map((w) => `  ${w}`).join('\n')}\n`);
  return 0;
}

/** Automatic enhancing masks of the lesions that have no drawn enhancing layer (lesion number -> mask). */
function derivedEnhancing(rois: TimePointRois, masks: ReadonlyArray<Mask3D | null>): Map<number, Mask3D> {
  const sorted = [...rois.lesions].sort((a, b) => a.lesionNumber - b.lesionNumber);
  const out = new Map<number, Mask3D>();
  sorted.forEach((lesion, i) => {
    const mask = masks[i];
    if (lesion.enhancing === null && mask) out.set(lesion.lesionNumber, mask);
  });
  return out;
}

function enhancementName(config: MeasureConfig): string {
  const e = config.enhancement;
  return e.kind === 'relative-threshold'
    ? `relative enhancement (art - pre) / pre >= ${e.threshold}`
    : `subtraction >= reference ${e.kind === 'reference-mean-sd' ? 'mean' : 'mode'} + ${e.sdMultiplier} SD`;
}

function exportContext(version: string): DicomExportContext {
  const now = new Date();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  // A fresh 2.25 root per run: UUID-derived, so no registered root is needed (PS3.5 B.2).
  const root = `2.25.${BigInt(`0x${randomBytes(16).toString('hex')}`).toString().slice(0, 38)}`;
  return {
    makeUid: uidFactory(root),
    contentDate: `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`,
    contentTime: `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`,
    softwareVersion: version,
  };
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function reportErrors(io: CliIo, errors: readonly HccErrorInfo[]): void {
  for (const e of errors) io.stderr(`error: ${e.fileName ?? '(no file)'}: ${e.code}: ${e.message}\n`);
}

const describe = (s: StudyNode): string => `${s.label} (${s.studyDate.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3')})`;
const slug = (label: string): string => label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
