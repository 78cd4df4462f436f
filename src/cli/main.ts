import type { Phase } from '../core/dicom/model';
import { loadInputs } from './load';
import { inspectJson, inspectText } from './inspect';
import { MEASURE_USAGE } from './measure-options';
import { runMeasure } from './measure';
import { RETRIEVE_USAGE, runRetrieve } from './retrieve';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  self?: string;
}

const USAGE = `usage: hcc-response <command> [options]

commands:
  inspect <files or folders...> [--json] [--phase <series id>=<phase>]...
      Reads DICOM files, groups them by patient, time point and series, classifies each
      series' phase (with reasons), checks geometry, lists b-values and every file error.
      Exit code 0 when something loaded, 1 when nothing did, 2 on bad usage.
${MEASURE_USAGE}${RETRIEVE_USAGE}`;

const PHASES: readonly Phase[] = ['t1_pre', 'arterial', 'portal_venous', 'delayed', 'hepatobiliary', 't2', 'dwi', 'adc', 'dce_dynamic', 'subtraction', 'other'];

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    (command ? io.stdout : io.stderr)(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'inspect') return inspect(rest, io);
  if (command === 'measure') return runMeasure(rest, io);
  if (command === 'retrieve') return runRetrieve(rest, io);
  io.stderr(`hcc-response: unknown command '${command}'\n\n${USAGE}`);
  return 2;
}

function inspect(args: readonly string[], io: CliIo): number {
  const paths: string[] = [];
  const overrides: Record<string, Phase> = {};
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--phase') {
      const spec = args[++i] ?? '';
      const eq = spec.lastIndexOf('=');
      const phase = spec.slice(eq + 1) as Phase;
      if (eq <= 0 || !PHASES.includes(phase)) {
        io.stderr(`hcc-response inspect: --phase needs <series id>=<phase>, phase one of ${PHASES.join(', ')}\n`);
        return 2;
      }
      overrides[spec.slice(0, eq)] = phase;
    } else if (a.startsWith('-')) {
      io.stderr(`hcc-response inspect: unknown option '${a}'\n\n${USAGE}`);
      return 2;
    } else paths.push(a);
  }
  if (paths.length === 0) {
    io.stderr(`hcc-response inspect: give at least one file or folder\n\n${USAGE}`);
    return 2;
  }
  const loaded = loadInputs(paths, io.cwd, overrides);
  const { tree, filesRead } = loaded;
  const volumes = tree.patients.reduce((n, p) => n + p.studies.reduce((m, s) => m + s.series.length, 0), 0);
  io.stdout(json ? JSON.stringify(inspectJson(loaded), null, 2) + '\n' : inspectText(loaded));
  if (volumes === 0) {
    io.stderr(
      tree.errors.length
        ? `hcc-response inspect: nothing could be loaded: all ${tree.errors.length} files were rejected (reasons above)\n`
        : `hcc-response inspect: no images found in ${paths.join(', ')}\n`,
    );
    return 1;
  }
  return 0;
}
