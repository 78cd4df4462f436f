/** Modules the SEG and the SR share: patient, study, SOP common and equipment, from the source header. */
import type { InstanceHeader } from '../dicom/model';
import { PRIVATE_SCHEME } from './codes';
import { DEFAULT_MANUFACTURER, type DicomExportContext } from './context';
import type { NaturalDataset } from './dicom-io';

/** The header facts an export copies from the study it belongs to (any InstanceHeader fits). */
export type StudyHeader = Pick<
  InstanceHeader,
  'patientName' | 'patientId' | 'studyInstanceUid' | 'studyDate' | 'studyTime' | 'studyDescription'
>;

/**
 * Patient and General Study modules. Birth date, sex, referring physician, study ID and accession number
 * are type 2: written empty because the ingest model does not keep them (an empty value is valid; a
 * made-up one is not).
 */
export function patientStudyModules(study: StudyHeader): NaturalDataset {
  return {
    PatientName: study.patientName,
    PatientID: study.patientId,
    PatientBirthDate: '',
    PatientSex: '',
    StudyInstanceUID: study.studyInstanceUid,
    StudyDate: study.studyDate,
    StudyTime: study.studyTime,
    StudyDescription: study.studyDescription,
    ReferringPhysicianName: '',
    StudyID: '',
    AccessionNumber: '',
  };
}

/** SOP Common (creation date/time = content date/time; the character set is chosen when writing) and General Equipment. */
export function sopCommonModule(
  sopClassUid: string,
  sopInstanceUid: string,
  context: DicomExportContext,
  declarePrivateScheme: boolean,
): NaturalDataset {
  const module: NaturalDataset = {
    SOPClassUID: sopClassUid,
    SOPInstanceUID: sopInstanceUid,
    InstanceCreationDate: context.contentDate,
    InstanceCreationTime: context.contentTime,
    Manufacturer: context.manufacturer ?? DEFAULT_MANUFACTURER,
    SoftwareVersions: context.softwareVersion,
  };
  if (declarePrivateScheme) {
    // PS3.3 C.12.1.1.2: a scheme outside PS3.16 Table 8-1 must be identified here.
    module['CodingSchemeIdentificationSequence'] = [
      {
        CodingSchemeDesignator: PRIVATE_SCHEME.designator,
        CodingSchemeName: PRIVATE_SCHEME.name,
        CodingSchemeVersion: PRIVATE_SCHEME.version,
        CodingSchemeResponsibleOrganization: PRIVATE_SCHEME.responsibleOrganization,
      },
    ];
  }
  return module;
}
