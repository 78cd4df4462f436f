import type { MeasureConfig } from '../core/measure/config';

export interface MeasureOptions {
  paths: string[];
  outDir: string;
  config: Partial<MeasureConfig>;
}

export const MEASURE_USAGE = `  measure <files or folders...> --out <dir> [options]
      Measures every lesion of one patient at every time point from the DICOM images and DICOM SEG
      files (segments 'Lesion <n>', optional 'Lesion <n> enhancing', 'Liver reference') and writes
      measurements.json, measurements.csv, response.csv, report.txt, one SEG per time point (with the
      derived enhancing and necrotic layers) and a TID 1500 SR.
      --enhancement relative|reference-mean-sd|reference-mode   automatic viable-tumour split
                                            (default relative)
      --threshold <t>          relative enhancement threshold (default 0.5) or, for the reference
                               methods, the SD multiplier (default 2)
      --adc map|fit            ADC from the scanner map (default) or a mono-exponential fit
      --adc-min-b <s/mm2>      lowest b-value of the ADC fit (default 200)
      --exclude-t1-hyperintense   leave T1-hyperintense (haemorrhagic) voxels out of ADC statistics
`;

/** Parses measure's arguments; returns an error message for bad usage. */
export function parseMeasureArgs(args: readonly string[]): MeasureOptions | string {
  const paths: string[] = [];
  let outDir = '';
  let method = 'relative';
  let threshold: number | null = null;
  const config: Partial<MeasureConfig> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--out') outDir = value();
      else if (a === '--enhancement') method = value();
      else if (a === '--threshold') threshold = number(a, value());
      else if (a === '--adc') {
        const v = value();
        if (v !== 'map' && v !== 'fit') throw new UsageError(`--adc must be map or fit, got '${v}'`);
        config.adcSource = v;
      } else if (a === '--adc-min-b') config.adcFitMinBValueSmm2 = number(a, value());
      else if (a === '--exclude-t1-hyperintense') config.excludeT1HyperintenseFromAdc = true;
      else if (a.startsWith('-')) return `unknown option '${a}'`;
      else paths.push(a);
    } catch (error) {
      if (error instanceof UsageError) return error.message;
      throw error;
    }
  }
  if (paths.length === 0) return 'give the images and SEG files (files or folders)';
  if (outDir === '') return '--out <dir> is required';
  if (method === 'relative') config.enhancement = { kind: 'relative-threshold', threshold: threshold ?? 0.5 };
  else if (method === 'reference-mean-sd') config.enhancement = { kind: 'reference-mean-sd', sdMultiplier: threshold ?? 2 };
  else if (method === 'reference-mode') config.enhancement = { kind: 'reference-mode-local-sd', sdMultiplier: threshold ?? 2 };
  else return `--enhancement must be relative, reference-mean-sd or reference-mode, got '${method}'`;
  return { paths, outDir, config };
}

class UsageError extends Error {}

function number(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n)) throw new UsageError(`${flag} needs a number, got '${text}'`);
  return n;
}
