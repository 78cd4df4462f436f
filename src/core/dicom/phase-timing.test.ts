import { describe, expect, it } from 'vitest';
import { TIME_WINDOWS, classifyAgent, formatDelay, secondsAfter, windowMatches, type AgentClass } from './phase-timing';

function phaseAt(seconds: number, agent: AgentClass): string[] {
  return TIME_WINDOWS.filter((w) => windowMatches(w, seconds, agent)).map((w) => w.phase);
}

describe('contrast agents', () => {
  it('knows gadoxetate by brand and generic name', () => {
    expect(classifyAgent('Primovist')).toBe('gadoxetate');
    expect(classifyAgent('EOVIST 0.25 mmol/ml')).toBe('gadoxetate');
    expect(classifyAgent('Gadoxetate disodium')).toBe('gadoxetate');
  });

  it('knows extracellular agents (no hepatobiliary phase)', () => {
    for (const a of ['Dotarem', 'GADAVIST', 'MultiHance', 'ProHance', 'Clariscan', 'gadoterate meglumine', 'Gadobutrol']) {
      expect(classifyAgent(a)).toBe('extracellular');
    }
  });

  it('an unnamed or empty agent is unknown / none', () => {
    expect(classifyAgent('Gadolinium')).toBe('unknown');
    expect(classifyAgent('  ')).toBe('none');
  });
});

describe('time arithmetic', () => {
  it('counts seconds after the start, across midnight', () => {
    expect(secondsAfter(36_027, 36_000)).toBe(27);
    expect(secondsAfter(36_000, 36_045)).toBe(-45);
    expect(secondsAfter(10, 86_380)).toBe(30);
  });

  it('formats delays in words', () => {
    expect(formatDelay(27)).toBe('27 s after');
    expect(formatDelay(-60)).toBe('60 s before');
    expect(formatDelay(1200)).toBe('20.0 min after');
  });
});

describe('time windows (seconds after injection)', () => {
  it('places hand-picked times in their clinical phase', () => {
    expect(phaseAt(-30, 'extracellular')).toEqual(['t1_pre']);
    expect(phaseAt(27, 'extracellular')).toEqual(['arterial']);
    expect(phaseAt(45, 'extracellular')).toEqual(['arterial']);
    expect(phaseAt(70, 'gadoxetate')).toEqual(['portal_venous']);
    expect(phaseAt(180, 'gadoxetate')).toEqual(['delayed']);
    expect(phaseAt(300, 'extracellular')).toEqual(['delayed']);
    expect(phaseAt(1200, 'gadoxetate')).toEqual(['hepatobiliary']);
    expect(phaseAt(1200, 'extracellular')).toEqual(['delayed']);
    expect(phaseAt(1200, 'none')).toEqual(['hepatobiliary']);
  });

  it('edges: 35 s core arterial, 50 s portal venous, 100 s still portal venous, 120 s delayed', () => {
    expect(TIME_WINDOWS.find((w) => windowMatches(w, 35, 'none'))?.id).toBe('arterial');
    expect(TIME_WINDOWS.find((w) => windowMatches(w, 36, 'none'))?.id).toBe('arterial-late-edge');
    expect(TIME_WINDOWS.find((w) => windowMatches(w, 50, 'none'))?.id).toBe('portal-venous');
    expect(TIME_WINDOWS.find((w) => windowMatches(w, 100, 'none'))?.id).toBe('portal-venous');
    expect(TIME_WINDOWS.find((w) => windowMatches(w, 110, 'none'))?.id).toBe('late-portal-venous');
    expect(TIME_WINDOWS.find((w) => windowMatches(w, 120, 'none'))?.id).toBe('delayed');
  });

  it('windows never overlap for one agent class and cover every time', () => {
    const badTimes: string[] = [];
    for (const agent of ['gadoxetate', 'extracellular', 'unknown', 'none'] as const) {
      for (let s = -120; s <= 2400; s += 0.5) {
        if (phaseAt(s, agent).length !== 1) badTimes.push(`${agent} ${s}`);
      }
    }
    expect(badTimes).toEqual([]);
  });
});
