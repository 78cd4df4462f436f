/**
 * Test helper: the synthetic study read from its DICOM files with the project's ingest, and the
 * ROIs a reader would draw, from the phantom's own label definitions (test-data/phantom/rois).
 */
import path from 'node:path';
import { ensurePhantom } from '../../../../test-data/phantom/cache';
import { TIME_POINTS } from '../../../../test-data/phantom';
import { phantomRois } from '../../../../test-data/phantom/rois';
import type { PhantomTruth } from '../../../../test-data/phantom/truth';
import { loadStudyTree } from '../../../cli/load';
import { readFileBytes } from '../../../cli/read-files';
import { readVolume } from '../../dicom/read-volume';
import type { StudyNode } from '../../dicom/model';
import type { Vec3 } from '../../types/volume';
import { readRoleVolumes, selectSeriesByRole, timePointInput, type SeriesSelection } from '../series-roles';
import type { TimePointMeasureInput } from '../inputs';

export interface PhantomStudy {
  dir: string;
  truth: PhantomTruth;
  studies: StudyNode[];
  selections: SeriesSelection[];
  timePoints: TimePointMeasureInput[];
}

/** `variants: false` skips the compressed/broken variants (faster to generate at large sizes). */
export async function loadPhantomStudy(size: Vec3, options: { userEnhancing?: boolean; variants?: boolean } = {}): Promise<PhantomStudy> {
  const { dir, truth } = await ensurePhantom({ seed: 42, size, variants: options.variants ?? true });
  const tree = loadStudyTree([path.join(dir, 'baseline'), path.join(dir, 'follow-up')], dir);
  if (tree.errors.length > 0) throw new Error(`phantom files rejected: ${JSON.stringify(tree.errors.slice(0, 3))}`);
  const studies = tree.patients[0]!.studies;
  const selections = studies.map(selectSeriesByRole);
  const timePoints = studies.map((study, i) => {
    const volumes = readRoleVolumes(selections[i]!, (v) => readVolume(v, (name) => readFileBytes(path.resolve(dir, name))));
    return timePointInput(study, selections[i]!, volumes, phantomRois(TIME_POINTS[i]!, truth.timePoints[i]!, options));
  });
  return { dir, truth, studies, selections, timePoints };
}
