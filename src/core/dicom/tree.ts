import { HccError } from '../errors';
import type { HccErrorInfo } from '../errors';
import type { Phase, PhaseClassification, SeriesVolume, StudyNode, StudyTree } from './model';
import { classifyPhases } from './phase-classify';

function userClassification(previous: PhaseClassification, phase: Phase): PhaseClassification {
  return { phase, confidence: 1, reasons: [`set by the user (was ${previous.phase})`], overridden: true };
}

function withReason(study: StudyNode, reason: string): StudyNode {
  return { ...study, series: study.series.map((v) => ({ ...v, classification: { ...v.classification, reasons: [reason] } })) };
}

/** Runs the phase rules on the volumes of one study; a failing rule set leaves the placeholders and says why. */
export function classifyStudy(study: StudyNode): StudyNode {
  let results: PhaseClassification[];
  try {
    results = classifyPhases(study.series);
  } catch (error) {
    return withReason(study, `phase rules failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(results) || results.length !== study.series.length) {
    const count = Array.isArray(results) ? results.length : 'no';
    return withReason(study, `phase rules returned ${count} results for ${study.series.length} series; left unclassified`);
  }
  return { ...study, series: study.series.map((v, i) => ({ ...v, classification: results[i]! })) };
}

function mapVolumes(tree: StudyTree, change: (volume: SeriesVolume) => SeriesVolume): StudyTree {
  return {
    ...tree,
    patients: tree.patients.map((patient) => ({
      ...patient,
      studies: patient.studies.map((study) => ({ ...study, series: study.series.map(change) })),
    })),
  };
}

function hasVolume(tree: StudyTree, volumeId: string): boolean {
  return tree.patients.some((p) => p.studies.some((s) => s.series.some((v) => v.id === volumeId)));
}

/**
 * Sets the phase of one volume by hand. Pure: returns a new tree, the input is untouched.
 * Throws HccError INVALID_INPUT when no volume has that id.
 */
export function overridePhase(tree: StudyTree, volumeId: string, phase: Phase): StudyTree {
  if (!hasVolume(tree, volumeId)) throw new HccError('INVALID_INPUT', `no series volume with id "${volumeId}" to set the phase of`);
  return mapVolumes(tree, (v) => (v.id === volumeId ? { ...v, classification: userClassification(v.classification, phase) } : v));
}

/** Applies user phases by volume id; an id matching no volume (stale override) is reported in errors, not thrown. */
export function applyPhaseOverrides(tree: StudyTree, overrides: Record<string, Phase>): StudyTree {
  let result = tree;
  const errors: HccErrorInfo[] = [...tree.errors];
  for (const [volumeId, phase] of Object.entries(overrides)) {
    if (hasVolume(result, volumeId)) result = overridePhase(result, volumeId, phase);
    else errors.push({ code: 'INVALID_INPUT', message: `phase override for unknown series volume "${volumeId}" ignored` });
  }
  return { ...result, errors };
}
