/**
 * The voxel data of one time point, read through the caller's asynchronous reader (in the app:
 * Cornerstone's loaded volumes; in tests: readVolume on the files). The choice of series per role is
 * core's (selectSeriesByRole / readRoleVolumes); this file only awaits the reads first, because
 * readRoleVolumes takes a synchronous reader.
 */
import type { SeriesVolume, StudyNode } from '../../core/dicom/model';
import { readRoleVolumes, selectSeriesByRole, type RoleVolumes, type SeriesSelection } from '../../core/measure';
import type { VolumeSource } from '../../core/measure/crop';

/** A series' voxels: a whole volume, or slices read on demand (the viewer's decoded images, no copy). */
export type VoxelReader = (volume: SeriesVolume) => Promise<VolumeSource>;

export interface TimePointVolumes {
  selection: SeriesSelection;
  volumes: RoleVolumes<VolumeSource>;
}

/** The series a time point's measurement reads: those its role selection names, each once. */
export function measuredSeries(study: StudyNode, selection: SeriesSelection = selectSeriesByRole(study)): SeriesVolume[] {
  const wanted = [selection.pre, selection.arterial, selection.portalVenous, selection.delayed, selection.t2, selection.adc, ...selection.dwi].filter(
    (v): v is SeriesVolume => v !== null,
  );
  return [...new Map(wanted.map((v) => [v.id, v])).values()];
}

/** Every series the selection names, read once each (in parallel), then handed to readRoleVolumes. */
export async function readTimePointVolumes(study: StudyNode, read: VoxelReader): Promise<TimePointVolumes> {
  const selection = selectSeriesByRole(study);
  const unique = measuredSeries(study, selection);
  const read3d = await Promise.all(unique.map(async (v) => [v.id, await read(v)] as const));
  const byId = new Map(read3d);
  const volumes = readRoleVolumes<VolumeSource>(selection, (v) => {
    const volume = byId.get(v.id);
    // Cannot happen: every series readRoleVolumes asks for is in `wanted`; a loud failure beats a wrong grid.
    if (volume === undefined) throw new Error(`series ${v.id} was not read`);
    return volume;
  });
  return { selection, volumes };
}
