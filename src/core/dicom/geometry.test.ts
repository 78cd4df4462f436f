import { describe, expect, it } from 'vitest';
import { buildSeriesGeometry, sortAlongNormal } from './geometry';
import type { SliceInput } from './geometry';
import type { FrameHeader, GeometryIssueKind } from './model';

const AXIAL = [1, 0, 0, 0, 1, 0] as const;

function slice(over: Partial<FrameHeader> & { rows?: number; columns?: number }): SliceInput {
  const { rows = 2, columns = 3, ...frame } = over;
  return {
    rows,
    columns,
    frame: {
      fileName: `f${frame.instanceNumber ?? 0}.dcm`,
      sopInstanceUid: `1.2.${frame.instanceNumber ?? 0}`,
      frameIndex: 0,
      instanceNumber: null,
      imagePositionPatient: [0, 0, 0],
      imageOrientationPatient: [...AXIAL],
      pixelSpacingMm: [0.8, 0.7],
      sliceThicknessMm: 5,
      bValue: null,
      bValueSource: null,
      temporalPositionIdentifier: null,
      acquisitionTimeSec: null,
      rescaleSlope: 1,
      rescaleIntercept: 0,
      pixel: null,
      ...frame,
    },
  };
}

/** Axial slices at the given z (mm), InstanceNumber = list position + 1 unless given. */
const axialStack = (zs: number[], instanceNumbers?: number[]) =>
  zs.map((z, i) => slice({ imagePositionPatient: [0, 0, z], instanceNumber: instanceNumbers?.[i] ?? i + 1 }));

const kinds = (slices: SliceInput[]): GeometryIssueKind[] => buildSeriesGeometry(sortAlongNormal(slices)).issues.map((i) => i.kind);
const zOf = (slices: SliceInput[]) => slices.map((s) => s.frame.imagePositionPatient![2]);

describe('sortAlongNormal', () => {
  it('puts a reversed stack in ascending order along the normal', () => {
    expect(zOf(sortAlongNormal(axialStack([20, 15, 10, 5, 0])))).toEqual([0, 5, 10, 15, 20]);
  });

  it('ignores InstanceNumber when it disagrees with position', () => {
    const sorted = sortAlongNormal(axialStack([10, 0, 20, 5, 15], [1, 2, 3, 4, 5]));
    expect(zOf(sorted)).toEqual([0, 5, 10, 15, 20]);
    expect(sorted.map((s) => s.frame.instanceNumber)).toEqual([2, 4, 1, 5, 3]);
  });

  it('follows the normal, not z: row cosine -x gives normal -z, so z descends', () => {
    const flipped = [0, 10, 5].map((z) => slice({ imagePositionPatient: [0, 0, z], imageOrientationPatient: [-1, 0, 0, 0, 1, 0] }));
    const sorted = sortAlongNormal(flipped);
    expect(zOf(sorted)).toEqual([10, 5, 0]);
    const g = buildSeriesGeometry(sorted);
    expect(g.originLps).toEqual([0, 0, 10]);
    expect(g.direction).toEqual([-1, 0, 0, 0, 1, 0, 0, 0, -1]);
    expect(g.spacingMm[2]).toBe(5);
  });
});

describe('buildSeriesGeometry', () => {
  it('builds dims, spacing (x = column spacing) and origin of a clean stack', () => {
    const g = buildSeriesGeometry(sortAlongNormal(axialStack([12.5, 2.5, 7.5])));
    expect(g).toEqual({
      dims: [3, 2, 3],
      spacingMm: [0.7, 0.8, 5],
      originLps: [0, 0, 2.5],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      sliceThicknessMm: 5,
      issues: [],
    });
  });

  it('handles an oblique stack tilted 20 degrees about x', () => {
    const a = (20 * Math.PI) / 180;
    const iop = [1, 0, 0, 0, Math.cos(a), Math.sin(a)];
    const normal = [0, -Math.sin(a), Math.cos(a)]; // (1,0,0) x (0,cos,sin), worked by hand
    const origin = [-50, 20, 30];
    const order = [3, 0, 4, 1, 2];
    const slices = order.map((k) => slice({ imageOrientationPatient: iop as FrameHeader['imageOrientationPatient'], imagePositionPatient: origin.map((o, i) => o + 4 * k * normal[i]!) as [number, number, number], instanceNumber: 10 - k }));
    const sorted = sortAlongNormal(slices);
    expect(sorted.map((s) => s.frame.instanceNumber)).toEqual([10, 9, 8, 7, 6]);
    const g = buildSeriesGeometry(sorted);
    expect(g.issues).toEqual([]);
    expect(g.spacingMm[2]).toBeCloseTo(4, 9);
    expect(g.originLps).toEqual(origin);
    g.direction.forEach((c, i) => expect(c).toBeCloseTo([...iop, ...normal][i]!, 12));
  });

  it('accepts position jitter of scanner round-off (1e-5 mm)', () => {
    expect(kinds(axialStack([0, 5.00001, 9.99999, 15.00001]))).toEqual([]);
  });

  it('reports a gap (step > 1.5 x median) and nothing else', () => {
    const g = buildSeriesGeometry(sortAlongNormal(axialStack([0, 5, 10, 20, 25])));
    expect(g.issues.map((i) => i.kind)).toEqual(['GAP']);
    expect(g.issues[0]!.message).toMatch(/10 mm .* usual step is 5 mm/);
    expect(g.spacingMm[2]).toBe(5);
  });

  it('reports uneven spacing below the gap threshold', () => {
    expect(kinds(axialStack([0, 5, 10, 15.5, 20.5]))).toEqual(['NON_UNIFORM_SPACING']);
  });

  it('reports duplicate positions and keeps the real step', () => {
    const g = buildSeriesGeometry(sortAlongNormal(axialStack([0, 5, 5, 10])));
    expect(g.issues.map((i) => i.kind)).toEqual(['DUPLICATE_POSITION']);
    expect(g.spacingMm[2]).toBe(5);
    expect(g.dims[2]).toBe(4);
  });

  it('reports a slice that is not parallel to the others, with its angle', () => {
    const a = (10 * Math.PI) / 180;
    const slices = axialStack([0, 5, 10, 15]);
    slices[2] = slice({ imagePositionPatient: [0, 0, 10], imageOrientationPatient: [1, 0, 0, 0, Math.cos(a), Math.sin(a)], instanceNumber: 3 });
    const issues = buildSeriesGeometry(sortAlongNormal(slices)).issues;
    expect(issues.map((i) => i.kind)).toEqual(['NON_PARALLEL_SLICES']);
    expect(issues[0]!.message).toMatch(/tilted 10 degrees/);
  });

  it('sorts by the orientation most slices share, not by the odd one', () => {
    const odd = slice({ imagePositionPatient: [0, 0, 100], imageOrientationPatient: [0, 1, 0, 0, 0, -1], instanceNumber: 1 });
    const sorted = sortAlongNormal([odd, ...axialStack([10, 0, 5], [2, 3, 4])]);
    expect(zOf(sorted)).toEqual([0, 5, 10, 100]);
  });

  it('reports mismatched image size', () => {
    const slices = axialStack([0, 5, 10]);
    slices[1] = slice({ imagePositionPatient: [0, 0, 5], rows: 4, instanceNumber: 2 });
    const issues = buildSeriesGeometry(sortAlongNormal(slices)).issues;
    expect(issues.map((i) => i.kind)).toEqual(['INCONSISTENT_SIZE']);
    expect(issues[0]!.message).toContain('3 x 2');
    expect(issues[0]!.message).toContain('3 x 4');
  });

  it('reports inconsistent pixel spacing', () => {
    const slices = axialStack([0, 5, 10]);
    slices[2] = slice({ imagePositionPatient: [0, 0, 10], pixelSpacingMm: [0.9, 0.7], instanceNumber: 3 });
    expect(kinds(slices)).toEqual(['INCONSISTENT_PIXEL_SPACING']);
  });

  it('reports missing geometry without inventing a position for it', () => {
    const slices = axialStack([0, 5, 10]);
    slices[0] = slice({ imagePositionPatient: null, instanceNumber: 1 });
    const sorted = sortAlongNormal(slices);
    expect(sorted[2]!.frame.imagePositionPatient).toBeNull();
    expect(buildSeriesGeometry(sorted).issues[0]!.kind).toBe('MISSING_GEOMETRY');
  });

  it('reports a sheared stack (positions drifting across the normal, like gantry tilt)', () => {
    const slices = [0, 1, 2, 3].map((k) => slice({ imagePositionPatient: [0, k * 1.0, k * 5], instanceNumber: k + 1 }));
    const issues = buildSeriesGeometry(sortAlongNormal(slices)).issues;
    expect(issues.map((i) => i.kind)).toEqual(['SHEARED_STACK']);
    expect(issues[0]!.message).toMatch(/up to 3 mm/);
  });

  it('reports a single slice and uses its thickness as the step', () => {
    const g = buildSeriesGeometry([slice({ imagePositionPatient: [1, 2, 3], sliceThicknessMm: 6 })]);
    expect(g.issues.map((i) => i.kind)).toEqual(['SINGLE_SLICE']);
    expect(g.spacingMm).toEqual([0.7, 0.8, 6]);
    expect(g.dims).toEqual([3, 2, 1]);
  });
});
