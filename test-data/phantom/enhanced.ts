import type { GridGeometry } from '../../src/core/types/volume';
import type { TimePointKey } from './definitions';
import { formatDs, orientation, slicePosition } from './grids';
import { slicePixels, valueTable } from './pixels';
import { uidFor } from './prng';
import { labelFunction, rasterizeSlice } from './rasterize';
import type { SeriesSpec } from './series';
import { ENHANCED_MR_IMAGE_STORAGE, commonTags, part10, pixelModule, type StudyContext } from './write-dicom';

/**
 * Enhanced MR Image Storage (multi-frame) copy of a classic series: same pixels (the noise is
 * seeded per slice), geometry per frame in PerFrameFunctionalGroupsSequence, shared pixel
 * measures/orientation, and MRDiffusionSequence per frame for DWI. Frames are stored in
 * DESCENDING slice position so readers must sort by PlanePositionSequence.
 */

const FRAME_CONTENT = 0x00209111;
const IN_STACK_POSITION = 0x00209057;
const MR_DIFFUSION = 0x00189117;
const DIFFUSION_B_VALUE = 0x00189087;

/** Type 1 macros of the Enhanced MR IOD with plain, plausible values (dciodvfy-clean). */
const ENHANCED_MR_SHARED_MACROS = {
  FrameAnatomySequence: [{ AnatomicRegionSequence: [{ CodeValue: '10200004', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Liver' }], FrameLaterality: 'U' }],
  MRModifierSequence: [{ InversionRecovery: 'NO', FlowCompensation: 'NONE', Spoiling: 'RF', T2Preparation: 'NO', SpectrallySelectedExcitation: 'FAT', SpatialPresaturation: 'NONE', PartialFourier: 'NO', ParallelAcquisition: 'NO' }],
  MRImagingModifierSequence: [{ MagnetizationTransfer: 'NONE', BloodSignalNulling: 'NO', Tagging: 'NONE', TransmitterFrequency: 63.676, PixelBandwidth: 400 }],
  MRReceiveCoilSequence: [{ ReceiveCoilName: 'Body', ReceiveCoilManufacturerName: '', ReceiveCoilType: 'BODY', QuadratureReceiveCoil: 'YES' }],
  MRTransmitCoilSequence: [{ TransmitCoilName: 'Body', TransmitCoilManufacturerName: '', TransmitCoilType: 'BODY' }],
  MRAveragesSequence: [{ NumberOfAverages: 1 }],
};

const fovGeometry = (grid: GridGeometry): Record<string, unknown> => ({
  MRFOVGeometrySequence: [{
    InPlanePhaseEncodingDirection: 'ROW',
    MRAcquisitionFrequencyEncodingSteps: grid.dims[0],
    MRAcquisitionPhaseEncodingStepsInPlane: grid.dims[1],
    PercentSampling: 100,
    PercentPhaseFieldOfView: 100,
  }],
});

export interface EnhancedResult {
  bytes: Uint8Array;
  seriesInstanceUid: string;
  frames: number;
}

export function enhancedCopy(ctx: StudyContext, timePoint: TimePointKey, spec: SeriesSpec, grid: GridGeometry): EnhancedResult {
  const seed = ctx.seed;
  const [nx, ny, nz] = grid.dims;
  const bValues: ReadonlyArray<number | null> = spec.bValues ?? [null];
  const frames = bValues.length * nz;
  const pixels = new Uint16Array(frames * nx * ny);
  const labels = new Uint8Array(nx * ny);
  const labelAt = labelFunction(timePoint);
  const perFrame: Array<Record<string, unknown>> = [];
  const dimensionOrganizationUid = uidFor(seed, timePoint, spec.key, 'enhanced', 'dimension-organization');
  const frameTime = `${ctx.def.studyDate}${spec.acquisitionTime}`;
  let f = 0;
  bValues.forEach((b, bi) => {
    const table = valueTable(spec, b);
    for (let k = nz - 1; k >= 0; k--) {
      rasterizeSlice(timePoint, grid, k, labels, labelAt);
      slicePixels(seed, timePoint, spec, b, k, labels, table, pixels.subarray(f * nx * ny, (f + 1) * nx * ny));
      const item: Record<string, unknown> = {
        FrameContentSequence: [{
          FrameAcquisitionDateTime: frameTime,
          FrameReferenceDateTime: frameTime,
          FrameAcquisitionDuration: 15000,
          StackID: '1',
          InStackPositionNumber: k + 1,
          DimensionIndexValues: b === null ? [k + 1] : [bi + 1, k + 1],
        }],
        PlanePositionSequence: [{ ImagePositionPatient: slicePosition(grid, k).map(formatDs) }],
      };
      if (b !== null) item.MRDiffusionSequence = [{ DiffusionBValue: b, DiffusionDirectionality: b === 0 ? 'NONE' : 'ISOTROPIC' }];
      perFrame.push(item);
      f++;
    }
  });

  const isDwi = spec.bValues !== null;
  const seriesInstanceUid = uidFor(seed, timePoint, spec.key, 'enhanced', 'series');
  const dimensionIndex = [
    ...(isDwi ? [{ DimensionOrganizationUID: dimensionOrganizationUid, DimensionIndexPointer: DIFFUSION_B_VALUE, FunctionalGroupPointer: MR_DIFFUSION, DimensionDescriptionLabel: 'b-value' }] : []),
    { DimensionOrganizationUID: dimensionOrganizationUid, DimensionIndexPointer: IN_STACK_POSITION, FunctionalGroupPointer: FRAME_CONTENT, DimensionDescriptionLabel: 'In-Stack Position' },
  ];
  const flavour = isDwi ? 'DIFFUSION' : 'VOLUME';
  const contrast = isDwi ? 'DIFFUSION' : 'T1';
  const frameType = ['ORIGINAL', 'PRIMARY', flavour, 'NONE'];
  const dataset: Record<string, unknown> = {
    ...commonTags(ctx, spec, seriesInstanceUid),
    SeriesNumber: String(1000 + spec.seriesNumber),
    ImageType: frameType,
    SOPClassUID: ENHANCED_MR_IMAGE_STORAGE,
    SOPInstanceUID: uidFor(seed, timePoint, spec.key, 'enhanced', 'sop'),
    AcquisitionDateTime: frameTime,
    DeviceSerialNumber: '45123',
    ApplicableSafetyStandardAgency: 'IEC',
    AcquisitionContextSequence: [],
    // MR Pulse Sequence module.
    PulseSequenceName: spec.sequenceName,
    MRAcquisitionType: spec.mrAcquisitionType,
    EchoPulseSequence: spec.scanningSequence === 'SE' ? 'SPIN' : 'GRADIENT',
    ...(spec.scanningSequence === 'SE' ? { MultipleSpinEcho: 'NO' } : {}),
    RectilinearPhaseEncodeReordering: 'LINEAR',
    ...(spec.mrAcquisitionType === '3D' ? { CoverageOfKSpace: 'FULL' } : {}),
    MultiPlanarExcitation: 'NO',
    PhaseContrast: 'NO',
    TimeOfFlightContrast: 'NO',
    SteadyStatePulseSequence: 'NONE',
    EchoPlanarPulseSequence: isDwi ? 'YES' : 'NO',
    SaturationRecovery: 'NO',
    SpectrallySelectedSuppression: 'FAT',
    OversamplingPhase: 'NONE',
    GeometryOfKSpaceTraversal: 'RECTILINEAR',
    SegmentedKSpaceTraversal: 'SINGLE',
    NumberOfKSpaceTrajectories: 1,
    AcquisitionDuration: 15,
    ContentQualification: 'PRODUCT',
    ResonantNucleus: '1H',
    KSpaceFiltering: 'NONE',
    PixelPresentation: 'MONOCHROME',
    VolumetricProperties: 'VOLUME',
    VolumeBasedCalculationTechnique: 'NONE',
    ComplexImageComponent: 'MAGNITUDE',
    AcquisitionContrast: contrast,
    InstanceNumber: '1',
    BurnedInAnnotation: 'NO',
    LossyImageCompression: '00',
    PresentationLUTShape: 'IDENTITY',
    NumberOfFrames: String(frames),
    ...pixelModule(ny, nx),
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganizationUid }],
    DimensionIndexSequence: dimensionIndex,
    SharedFunctionalGroupsSequence: [{
      PixelMeasuresSequence: [{
        PixelSpacing: [grid.spacingMm[1], grid.spacingMm[0]].map(formatDs),
        SliceThickness: formatDs(grid.spacingMm[2]),
        SpacingBetweenSlices: formatDs(grid.spacingMm[2]),
      }],
      PlaneOrientationSequence: [{ ImageOrientationPatient: orientation(grid).map(formatDs) }],
      PixelValueTransformationSequence: [{ RescaleIntercept: '0', RescaleSlope: formatDs(spec.rescaleSlope), RescaleType: 'US' }],
      FrameVOILUTSequence: [{ WindowCenter: formatDs(spec.windowCenter), WindowWidth: formatDs(spec.windowWidth) }],
      MRImageFrameTypeSequence: [{ FrameType: frameType, PixelPresentation: 'MONOCHROME', VolumetricProperties: 'VOLUME', VolumeBasedCalculationTechnique: 'NONE', ComplexImageComponent: 'MAGNITUDE', AcquisitionContrast: contrast }],
      MRTimingAndRelatedParametersSequence: [{
        RepetitionTime: spec.repetitionTimeMs, FlipAngle: spec.flipAngleDeg, EchoTrainLength: spec.echoTrainLength, RFEchoTrainLength: spec.echoTrainLength, GradientEchoTrainLength: 0,
        SpecificAbsorptionRateSequence: [{ SpecificAbsorptionRateDefinition: 'IEC_WHOLE_BODY', SpecificAbsorptionRateValue: 0.5 }],
        OperatingModeSequence: [{ OperatingModeType: 'STATIC FIELD', OperatingMode: 'IEC_NORMAL' }, { OperatingModeType: 'RF', OperatingMode: 'IEC_NORMAL' }, { OperatingModeType: 'GRADIENT', OperatingMode: 'IEC_NORMAL' }],
      }],
      MREchoSequence: [{ EffectiveEchoTime: spec.echoTimeMs }],
      ...ENHANCED_MR_SHARED_MACROS,
      ...fovGeometry(grid),
    }],
    PerFrameFunctionalGroupsSequence: perFrame,
  };
  return { bytes: part10(dataset, [], pixels), seriesInstanceUid, frames };
}
