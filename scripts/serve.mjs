// Serves the built viewer (dist/) and a study folder under /demo/ on localhost; with --dicomweb=<root>
// (or HCC_DICOMWEB), /dicom-web/* is passed on to that DICOMweb server, so the viewer reaches a PACS
// that sends no CORS headers (Orthanc) from its own origin. No dependencies.
import http from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm', '.map': 'application/json', '.dcm': 'application/dicom',
  '.png': 'image/png', '.txt': 'text/plain',
};

export function serve({ distDir, demoDir, port, host = '127.0.0.1', dicomweb = null }) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/dicom-web' || url.pathname.startsWith('/dicom-web/')) return proxy(req, res, dicomweb, url);
    let pathname = decodeURIComponent(url.pathname);
    let root = distDir;
    if (pathname.startsWith('/demo/')) {
      root = demoDir;
      pathname = pathname.slice('/demo'.length);
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = path.join(root, path.normalize(pathname));
    if (!file.startsWith(root)) return send(res, 403, 'forbidden');
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return send(res, 404, `not found: ${pathname}`);
    }
    if (!stat.isFile()) return send(res, 404, `not a file: ${pathname}`);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': stat.size,
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

/** Passes a request on to the DICOMweb root, method, headers and body as they came; the answer back as it comes. */
function proxy(req, res, root, url) {
  if (!root) return send(res, 502, 'no DICOMweb server configured: start the server with --dicomweb=<root URL> (or HCC_DICOMWEB)');
  const target = new URL(root.replace(/\/+$/, '') + url.pathname.slice('/dicom-web'.length) + url.search);
  const { host: _host, ...headers } = req.headers;
  const upstream = http.request(target, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    if (!res.headersSent) send(res, 502, `DICOMweb server ${root} unreachable: ${error.message}`);
    else res.destroy();
  });
  req.pipe(upstream);
}

function send(res, code, text) {
  res.writeHead(code, { 'content-type': 'text/plain' });
  res.end(text);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
  const port = Number(args.port ?? 8080);
  const distDir = path.resolve(args.dist ?? 'dist');
  const demoDir = path.resolve(args.demo ?? 'test-data/.cache/demo');
  const dicomweb = args.dicomweb ?? process.env.HCC_DICOMWEB ?? null;
  await serve({ distDir, demoDir, port, dicomweb });
  console.log(`hcc-response viewer on http://localhost:${port}/ (demo study from ${demoDir}${dicomweb ? `; /dicom-web -> ${dicomweb}` : ''})`);
}
