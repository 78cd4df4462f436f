/** DICOMweb (QIDO-RS answers in the DICOM JSON model): what a PACS holds, read without a network. */
export * from './dicom-json';
export * from './study-list';
export * from './multipart';
