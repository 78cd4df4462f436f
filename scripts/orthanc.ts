// A real PACS on loopback for the browser tests and `npm run start:pacs`: Debian's Orthanc with its
// DICOMweb plugin, in a temporary folder, loaded with a study's files through its REST API. The viewer
// reaches it through the bundled server's /dicom-web proxy (Orthanc sends no CORS headers).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ORTHANC = '/usr/sbin/Orthanc';
const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

export interface RunningPacs {
  /** Orthanc's REST root, e.g. http://127.0.0.1:8182 */
  url: string;
  stop(): Promise<void>;
}

/** Whether Debian's Orthanc and its DICOMweb plugin are installed. */
export function orthancInstalled(): boolean {
  return existsSync(ORTHANC) && existsSync(DICOMWEB_PLUGIN);
}

export async function startOrthanc(port: number): Promise<RunningPacs> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hcc-orthanc-'));
  const config = {
    Name: 'hcc-e2e',
    HttpPort: port,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    DicomServerEnabled: false,
    StorageDirectory: path.join(dir, 'storage'),
    IndexDirectory: path.join(dir, 'index'),
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/', StudiesMetadata: 'Full', SeriesMetadata: 'Full' },
  };
  writeFileSync(path.join(dir, 'orthanc.json'), JSON.stringify(config));
  const child: ChildProcess = spawn(ORTHANC, [path.join(dir, 'orthanc.json')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited (${child.exitCode}): ${log}`);
    try {
      if ((await fetch(`${url}/system`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 20_000) throw new Error(`Orthanc did not start on ${url}: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stores every file the study's manifest lists (images and segmentations) in the PACS; returns how many. */
export async function uploadStudy(pacs: RunningPacs, studyDir: string): Promise<number> {
  const manifest = JSON.parse(readFileSync(path.join(studyDir, 'manifest.json'), 'utf8')) as {
    timePoints: { series: { files: string[] }[]; segs?: string[] }[];
  };
  const files = manifest.timePoints.flatMap((tp) => [...tp.series.flatMap((s) => s.files), ...(tp.segs ?? [])]);
  for (const file of files) {
    const r = await fetch(`${pacs.url}/instances`, { method: 'POST', body: readFileSync(path.join(studyDir, file)), headers: { 'content-type': 'application/dicom' } });
    if (!r.ok) throw new Error(`Orthanc refused ${file}: HTTP ${r.status} ${await r.text()}`);
  }
  return files.length;
}
