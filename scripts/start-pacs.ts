// `npm run start:pacs`: the demo study in a local PACS (Debian's Orthanc + DICOMweb plugin on
// loopback, port PACS_PORT or 8042), and the viewer on PORT (8080) reaching it through /dicom-web.
// Open the page, then "PACS…", Patient ID HCC-PHANTOM-42. Ctrl+C stops both.
import { spawn, spawnSync } from 'node:child_process';
import { orthancInstalled, startOrthanc, uploadStudy } from './orthanc';

if (!orthancInstalled()) {
  console.error('Orthanc is not installed: apt-get install orthanc orthanc-dicomweb (Debian), or run `npm test` once (it installs them).');
  process.exit(1);
}
const size = process.env.HCC_DEMO_SIZE ?? '192x192x60';
const phantom = spawnSync('node', ['bin/run-ts.mjs', 'scripts/prepare-phantom.ts', '--size', size, '--print-dir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (phantom.status !== 0) process.exit(phantom.status ?? 1);
const demoDir = phantom.stdout.trim().split('\n').pop()!;

const pacsPort = Number(process.env.PACS_PORT ?? 8042);
const pacs = await startOrthanc(pacsPort);
const stored = await uploadStudy(pacs, demoDir);
console.log(`Orthanc on ${pacs.url} holds the demo study (${stored} files; Patient ID HCC-PHANTOM-42)`);
const viewer = spawn('node', ['scripts/start.mjs'], { stdio: 'inherit', env: { ...process.env, HCC_DICOMWEB: `${pacs.url}/dicom-web` } });
const stop = async (code: number): Promise<void> => {
  viewer.kill('SIGTERM');
  await pacs.stop();
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
viewer.on('exit', (code) => void stop(code ?? 0));
