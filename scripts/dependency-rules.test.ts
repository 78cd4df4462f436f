// Keeps the architecture's import rules (DESIGN.md): core is pure, workers see only core,
// Cornerstone lives only in src/viewer.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

/** Tests and their helpers (testing/ folders, *fixture(s).ts) may use anything. */
function isTestHelper(p: string): boolean {
  return p.endsWith('.test.ts') || /(^|[-/])(test-)?fixtures?\.ts$/.test(p) || p.includes(`${path.sep}testing${path.sep}`);
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !isTestHelper(p)) out.push(p);
    }
  };
  walk(path.join(root, dir));
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

function resolved(file: string, spec: string): string {
  return spec.startsWith('.') ? path.relative(root, path.resolve(path.dirname(file), spec)) : spec;
}

describe('dependency rules', () => {
  it('src/core imports nothing of the project outside src/core, no Cornerstone/vtk, no node modules', () => {
    const bad: string[] = [];
    for (const f of sourceFiles('src/core')) {
      for (const spec of imports(f)) {
        const target = resolved(f, spec);
        const external = !spec.startsWith('.');
        const allowedExternal = ['dicom-parser', 'dcmjs'].includes(spec);
        if ((!external && !target.startsWith('src/core')) || (external && !allowedExternal)) bad.push(`${path.relative(root, f)} -> ${spec}`);
      }
      const text = readFileSync(f, 'utf8');
      if (/\bDate\.now\(|\bMath\.random\(|\bnew Date\(\)/.test(text)) bad.push(`${path.relative(root, f)} uses the clock or Math.random`);
    }
    expect(bad).toEqual([]);
  });

  it('workers import only src/core and the typed worker APIs in src/compute/*-api.ts (which import only core)', () => {
    const bad: string[] = [];
    for (const f of sourceFiles('workers')) {
      for (const spec of imports(f)) {
        const target = resolved(f, spec);
        const ok = spec === 'comlink' || target.startsWith('src/core') || /^src\/compute\/[\w-]+-api$/.test(target);
        if (!ok) bad.push(`${path.relative(root, f)} -> ${spec}`);
      }
    }
    for (const f of sourceFiles('src/compute').filter((p) => p.endsWith('-api.ts'))) {
      for (const spec of imports(f)) if (!resolved(f, spec).startsWith('src/core')) bad.push(`${path.relative(root, f)} -> ${spec}`);
    }
    expect(bad).toEqual([]);
  });

  it('@cornerstonejs and vtk.js are imported only under src/viewer', () => {
    const bad: string[] = [];
    for (const dir of ['src', 'workers']) {
      for (const f of sourceFiles(dir)) {
        if (f.includes(`${path.sep}src${path.sep}viewer${path.sep}`)) continue;
        for (const spec of imports(f)) if (/^@cornerstonejs|^@kitware/.test(spec)) bad.push(`${path.relative(root, f)} -> ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
