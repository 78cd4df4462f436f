// Node profile of one lesion measurement on the compute benchmark's data (bench/compute-data.ts), without the
// browser: `node bin/run-ts.mjs bench/compute-profile.ts [ml] [NXxNYxNZ]` prints the time of the whole
// measurement and of the diameter kernel on the tumour and on its viable rim. Add `node --cpu-prof` to see
// where the time goes.
import { cropLesionInput, measureLesion, resolveMeasureConfig, type LesionMeasureInput, type VolumeSource } from '../src/core/measure';
import { diameters, maskBoundingBox } from '../src/core/kernels';
import type { Mask3D, Vec3 } from '../src/core/types/volume';
import { LESION_CENTRE, centredGrid, dwiGridOf, generate, radiusForMl } from './compute-data';

const ml = Number(process.argv[2] ?? 1000);
const dims = (process.argv[3] ?? '512x512x120').split('x').map(Number) as Vec3;
const spacing: Vec3 = dims[0] >= 512 ? [0.75, 0.75, 2] : [1.5, 1.5, 2.5];
const radiusMm = radiusForMl(ml);
const t1 = centredGrid(dims, spacing);
const g = generate(t1, radiusMm, ['pre', 'arterial', 'portalVenous']);
const adc = generate(dwiGridOf(t1), radiusMm, ['adc']).images.adc!;
// Viable rim = tumour voxels outside the necrotic core (r^2 > 0.36 R^2), as compute-data.ts defines it.
const viable: Mask3D = { ...g.tumour, data: new Uint8Array(g.tumour.data.length) };
const [nx, ny] = dims;
for (let v = 0; v < g.tumour.data.length; v++) {
  if (!g.tumour.data[v]) continue;
  const i = v % nx, j = Math.floor(v / nx) % ny, k = Math.floor(v / (nx * ny));
  const d = [i * spacing[0] + t1.originLps[0] - LESION_CENTRE[0], j * spacing[1] + t1.originLps[1] - LESION_CENTRE[1], k * spacing[2] + t1.originLps[2] - LESION_CENTRE[2]];
  if (d[0]! ** 2 + d[1]! ** 2 + d[2]! ** 2 > 0.36 * radiusMm * radiusMm) viable.data[v] = 1;
}
const input: LesionMeasureInput<VolumeSource> = {
  label: 'Lesion 1', target: true,
  volumes: { pre: g.images.pre!, arterial: g.images.arterial!, portalVenous: g.images.portalVenous!, delayed: null, t2: null, dwi: [], adcMap: adc },
  tumour: g.tumour, enhancing: null, liverReference: g.reference,
  boxes: { tumour: maskBoundingBox({ mask: g.tumour }).box!, liverReference: maskBoundingBox({ mask: g.reference }).box! },
  config: resolveMeasureConfig(),
};
const crop = cropLesionInput(input).input;
const time = (what: string, f: () => unknown, runs = 7): void => {
  const ms: number[] = [];
  let out: unknown = f(); // warm-up (compilation), not timed
  for (let r = 0; r < runs; r++) {
    // CPU time of this process (the machine is shared: wall time would count other processes); it includes
    // the garbage collector threads, so run one kind of call at a time.
    const t = process.cpuUsage();
    out = f();
    const d = process.cpuUsage(t);
    ms.push((d.user + d.system) / 1000);
  }
  ms.sort((a, b) => a - b);
  console.log(`${what}: median ${ms[runs >> 1]!.toFixed(1)} ms CPU`, JSON.stringify(out));
};
const box = maskBoundingBox({ mask: g.tumour }).box!;
time('diameters, whole tumour', () => diameters({ mask: g.tumour, box }).longestDiameterMm);
time('diameters, viable rim', () => {
  const d = diameters({ mask: viable, box });
  return [d.longestDiameterMm, d.perpendicularDiameterMm];
});
time('measureLesion (cropped input)', () => measureLesion(crop).measurement.viableLongestDiameterMm);
