/** Public API of the measurement kernels (pure; typed arrays in, plain objects with units out). */
export * from './bounding-box';
export * from './grid-check';
export * from './percentiles';
export * from './inplane-shift';
export * from './intensity-stats';
export * from './enhancement';
export * from './enhancement-reference';
export * from './volumes';
export * from './signal-ratio';
export * from './t1-hyperintense';
export * from './adc-map';
export * from './adc-fit';
export * from './adc';
export * from './diameters';
