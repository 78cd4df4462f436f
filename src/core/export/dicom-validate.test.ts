/**
 * External validators on the exported files: dciodvfy (dicom3tools) checks the SEG and SR IODs,
 * dsrdump (dcmtk) prints the SR content tree with its template ids. Both are Debian packages the
 * test command installs; without them these tests are skipped with a message.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IMPLEMENTATION_CLASS_UID } from './context';
import { readPart10, writePart10 } from './dicom-io';
import { exportStudy } from './testing/study';

function run(command: string, args: string[]): { status: number | null; output: string; missing: boolean } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  const missing = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}`, missing };
}

const haveDciodvfy = !run('dciodvfy', []).missing;
const haveDsrdump = !run('dsrdump', ['--version']).missing;
const errorLines = (output: string): string[] => output.split('\n').filter((line) => /^\s*Error/.test(line));

const dir = mkdtempSync(join(tmpdir(), 'hcc-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const { baselineSeg, followUpSeg, sr } = exportStudy();
const write = (name: string, bytes: Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const segPath = write('baseline-seg.dcm', baselineSeg.bytes);
const followUpSegPath = write('follow-up-seg.dcm', followUpSeg.bytes);
const srPath = write('sr.dcm', sr.bytes);

describe.skipIf(!haveDciodvfy)('dciodvfy (dicom3tools; skipped when not installed: apt-get install dicom3tools)', () => {
  it('finds no error in either SEG', () => {
    for (const path of [segPath, followUpSegPath]) {
      const { output } = run('dciodvfy', [path]);
      expect(output).toMatch(/^Segmentation$/m);
      expect(errorLines(output)).toEqual([]);
    }
  });

  it('finds no error in the SR', () => {
    const { output } = run('dciodvfy', [srPath]);
    expect(output).toMatch(/^Comprehensive3DSR$/m);
    expect(errorLines(output)).toEqual([]);
  });

  it('does report errors on a SEG missing its Segment Sequence (the check above can fail)', () => {
    const broken = readPart10(baselineSeg.bytes);
    delete broken['SegmentSequence'];
    const { output } = run('dciodvfy', [write('broken-seg.dcm', writePart10(broken, IMPLEMENTATION_CLASS_UID))]);
    expect(errorLines(output).length).toBeGreaterThan(0);
  });
});

describe.skipIf(!haveDsrdump)('dsrdump -v +Pt (dcmtk; skipped when not installed: apt-get install dcmtk)', () => {
  const { status, output } = run('dsrdump', ['-v', '+Pt', srPath]);
  const count = (text: string): number => output.split(text).length - 1;

  it('reads the SR without complaint', () => {
    expect(status).toBe(0);
    expect(output).toContain('Comprehensive 3D SR Document');
    expect(output.split('\n').filter((l) => /^[EW]: /.test(l) && !/Specific Character Set/.test(l))).toEqual([]);
  });

  it('shows TID 1500 with four TID 1411 lesion groups and one TID 1501 response group', () => {
    expect(output).toContain('<CONTAINER:(,,"Imaging Measurement Report")=SEPARATE>  # TID 1500 (DCMR)');
    expect(count('# TID 1411 (DCMR)')).toBe(4);
    expect(count('# TID 1501 (DCMR)')).toBe(1);
    expect(count('<contains IMAGE:(,,"Referenced Segment")=(SG image,,')).toBe(4);
    expect(output).toContain('<has obs context TEXT:(,,"Tracking Identifier")="Lesion 1">');
    expect(output).toContain('<contains NUM:(,,"Volume")="20" (ml,UCUM,"milliliter")>');
    expect(output).toContain('<contains NUM:(,,"Apparent Diffusion Coefficient")="1120" (um2/s,UCUM,"um2/s")>');
    expect(output).toContain('<contains CODE:(,,"Current Response")=(PR,99HCCRESP,"Partial response")>');
    expect(output).toContain('<has concept mod CODE:(,,"Response Evaluation Method")=(126081,DCM,"RECIST 1.1")>');
  });
});
