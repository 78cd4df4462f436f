import { defineConfig } from '@playwright/test';

const port = Number(process.env.HCC_E2E_PORT ?? 8181);
const demoDir = process.env.HCC_E2E_DEMO_DIR;
if (!demoDir) throw new Error('HCC_E2E_DEMO_DIR is not set: run the browser tests through `npm run test:e2e`');

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../test-results/e2e',
  timeout: 120_000,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: '../.test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1600, height: 1000 },
    launchOptions: {
      executablePath: process.env.HCC_CHROMIUM ?? '/usr/lib/chromium/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      ],
    },
  },
  webServer: {
    // /dicom-web goes to the Orthanc the PACS spec starts on the next port (e2e/orthanc.ts).
    command: `node ../scripts/serve.mjs --port=${port} --dist=../dist --demo=${demoDir} --dicomweb=http://127.0.0.1:${port + 1}/dicom-web`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
