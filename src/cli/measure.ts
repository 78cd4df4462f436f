import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { toErrorInfo, type HccErrorInfo } from '../core/errors';
import { readVolume } from '../core/dicom/read-volume';
import { resolveMeasureConfig, type MeasureConfig } from '../core/measure/config';
import { buildMeasurementsDocument } from '../core/measure/document';
import { measureLesion } from '../core/measure/lesion';
import { readRoleVolumes, selectSeriesByRole, timePointInput, type SeriesSelection } from '../core/measure/series-roles';
import { lesionInputs, timePointResult } from '../core/measure/study';
import type { TimePointResult } from '../core/measure/inputs';
import type { Mask3D } from '../core/types/volume';
import { derivedEnhancing, exportContext, studyDescription, studyExport, UID_ROOT_RANDOM_BYTES } from '../core/export';
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
    if (!rois.byStudy.has(s.studyInstanceUid)) io.stderr(`warning: ${studyDescription(s)}: no SEG for this time point: not measured\n`);
  }
  if (studies.length === 0) return fail('no SEG could be placed on the loaded images (reasons above)');

  const results: TimePointResult[] = [];
  const derived: Array<Map<number, Mask3D>> = [];
  const selections: SeriesSelection[] = [];
  for (const study of studies) {
    const selection = selectSeriesByRole(study);
    selections.push(selection);
    for (const [role, figures] of ROLE_NEEDS) {
      if (selection[role] === null) io.stderr(`warning: ${studyDescription(study)}: no ${role} series: ${figures} not measured\n`);
    }
    let volumes;
    try {
      volumes = readRoleVolumes(selection, (v) => readVolume(v, (name) => readFileBytes(path.resolve(io.cwd, name))));
    } catch (error) {
      const e = toErrorInfo(error);
      return fail(`${studyDescription(study)}: ${e.fileName ? `${e.fileName}: ` : ''}${e.message} (${e.code})`);
    }
    const tp = timePointInput(study, selection, volumes, rois.byStudy.get(study.studyInstanceUid)!);
    const lesionResults = lesionInputs(tp, config).map((input) => measureLesion({ ...input, includeEnhancingMask: true }));
    results.push(timePointResult(tp, lesionResults));
    derived.push(derivedEnhancing(tp.rois, lesionResults.map((r) => r.enhancingMask)));
  }

  const version = packageVersion();
  const document = buildMeasurementsDocument({ generator: { name: 'hcc-response', version }, config, timePoints: results });
  const context = exportContext({ randomBytes: randomBytes(UID_ROOT_RANDOM_BYTES), now: new Date(), softwareVersion: version });
  const exported = studyExport({
    document,
    timePoints: studies.map((study, i) => ({ study, rois: rois.byStudy.get(study.studyInstanceUid)!, derivedEnhancing: derived[i]! })),
    config,
    context,
  });
  for (const w of exported.warnings) io.stderr(`warning: ${w}\n`);
  const out = path.resolve(io.cwd, parsed.outDir);
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  for (const file of exported.files) {
    writeFileSync(path.join(out, file.name), file.data);
    written.push(path.join(parsed.outDir, file.name));
  }
  io.stdout(`${exported.report.trimEnd()}\n\nwritten:\n${written.map((w) => `  ${w}`).join('\n')}\n`);
  return 0;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function reportErrors(io: CliIo, errors: readonly HccErrorInfo[]): void {
  for (const e of errors) io.stderr(`error: ${e.fileName ?? '(no file)'}: ${e.code}: ${e.message}\n`);
}

