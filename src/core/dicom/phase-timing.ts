import type { PhaseTarget } from './phase-types';

/**
 * Contrast agents and post-injection time windows (docs/SERIES-NAMING.md). The agent matters:
 * gadoxetate (Primovist/Eovist) has a hepatobiliary phase from ~10 min and a "transitional" phase
 * instead of an equilibrium phase; extracellular agents have no hepatobiliary phase at all.
 */
export type AgentClass = 'gadoxetate' | 'extracellular' | 'unknown' | 'none';

const GADOXETATE = ['primovist', 'eovist', 'gadoxet', 'eob'];
/** Gadobenate (MultiHance) has a small biliary fraction but no routine hepatobiliary phase. */
const EXTRACELLULAR = [
  'dotarem',
  'gadoterate',
  'clariscan',
  'artirem',
  'gadavist',
  'gadovist',
  'gadobutrol',
  'multihance',
  'gadobenate',
  'prohance',
  'gadoteridol',
  'magnevist',
  'gadopentetate',
  'omniscan',
  'gadodiamide',
  'elucirem',
  'vueway',
  'gadopiclenol',
];

export function classifyAgent(agent: string): AgentClass {
  const a = agent.trim().toLowerCase();
  if (a === '') return 'none';
  if (GADOXETATE.some((k) => a.includes(k))) return 'gadoxetate';
  if (EXTRACELLULAR.some((k) => a.includes(k))) return 'extracellular';
  return 'unknown';
}

const DAY_SEC = 86_400;

/** Seconds from `startSec` to `timeSec` (both seconds since midnight), across midnight when needed. */
export function secondsAfter(timeSec: number, startSec: number): number {
  let d = timeSec - startSec;
  if (d < -DAY_SEC / 2) d += DAY_SEC;
  if (d > DAY_SEC / 2) d -= DAY_SEC;
  return d;
}

/** A range of seconds after injection [fromSec, toSec) and the phase it suggests. */
export interface TimeWindow {
  id: string;
  phase: PhaseTarget;
  fromSec: number;
  toSec: number;
  /** Weight when the time comes from ContrastBolusStartTime or a delay written in the name. */
  weight: number;
  /** Applies only with these agent classes (all when absent). */
  agents?: readonly AgentClass[];
  label: string;
}

/** Non-overlapping for any one agent class; arterial 15-35 s, wider 10-50 s; PV 50-100 s; delayed 120-300 s. */
export const TIME_WINDOWS: readonly TimeWindow[] = [
  { id: 'before-contrast', phase: 't1_pre', fromSec: -Infinity, toSec: 0, weight: 3, label: 'pre-contrast: before injection' },
  {
    id: 'arterial-very-early',
    phase: 'arterial',
    fromSec: 0,
    toSec: 10,
    weight: 1,
    label: '0-9 s, earlier than the usual arterial window',
  },
  { id: 'arterial-early-edge', phase: 'arterial', fromSec: 10, toSec: 15, weight: 2, label: 'wider arterial window 10-50 s' },
  { id: 'arterial', phase: 'arterial', fromSec: 15, toSec: 36, weight: 3, label: 'arterial window 15-35 s' },
  { id: 'arterial-late-edge', phase: 'arterial', fromSec: 36, toSec: 50, weight: 2, label: 'wider arterial window 10-50 s' },
  { id: 'portal-venous', phase: 'portal_venous', fromSec: 50, toSec: 101, weight: 3, label: 'portal venous window 50-100 s' },
  {
    id: 'late-portal-venous',
    phase: 'portal_venous',
    fromSec: 101,
    toSec: 120,
    weight: 1,
    label: '101-119 s, between the portal venous and delayed windows',
  },
  { id: 'delayed', phase: 'delayed', fromSec: 120, toSec: 301, weight: 3, label: 'delayed/transitional window 120-300 s' },
  { id: 'late-delayed', phase: 'delayed', fromSec: 301, toSec: 600, weight: 2, label: '5-10 min, late delayed' },
  {
    id: 'hepatobiliary',
    phase: 'hepatobiliary',
    fromSec: 600,
    toSec: Infinity,
    weight: 3,
    agents: ['gadoxetate'],
    label: 'hepatobiliary window >= 10 min with gadoxetate',
  },
  {
    id: 'hepatobiliary-agent-unknown',
    phase: 'hepatobiliary',
    fromSec: 600,
    toSec: Infinity,
    weight: 2,
    agents: ['unknown', 'none'],
    label: '>= 10 min, hepatobiliary if the agent is hepatocyte-specific (agent not known)',
  },
  {
    id: 'very-late-extracellular',
    phase: 'delayed',
    fromSec: 600,
    toSec: Infinity,
    weight: 2,
    agents: ['extracellular'],
    label: '>= 10 min with an extracellular agent, which has no hepatobiliary phase',
  },
];

export function windowMatches(w: TimeWindow, seconds: number, agent: AgentClass): boolean {
  return seconds >= w.fromSec && seconds < w.toSec && (!w.agents || w.agents.includes(agent));
}

/** "27 s" / "3.0 min" / "45 s before". */
export function formatDelay(seconds: number): string {
  const abs = Math.abs(seconds);
  const text = abs >= 300 ? `${(abs / 60).toFixed(1)} min` : `${Math.round(abs)} s`;
  return seconds < 0 ? `${text} before` : `${text} after`;
}

/**
 * Without a recorded injection time, the first post-contrast member of a same-named dynamic group is
 * taken as arterial at about this many seconds after injection; later members are placed from there.
 */
export const ASSUMED_FIRST_POST_SEC = 25;
