import type { SeriesVolume } from './model';
import { DCE_MIN_TEMPORAL_POSITIONS, agentOf, descriptionOf, isTemporalSplit } from './phase-context';
import {
  ARTERIAL_ABBREVIATIONS,
  ARTERIAL_WORDS,
  DELAYED_WORDS,
  HEPATOBILIARY_WORDS,
  PORTAL_VENOUS_WORDS,
  POST_CONTRAST_WORDS,
  PRE_WORDS,
  findKeywords,
  findNamedDelays,
  type KeywordGroup,
} from './phase-keywords';
import { byKeyword, ordinal } from './phase-rule-helpers';
import {
  ASSUMED_FIRST_POST_SEC,
  TIME_WINDOWS,
  classifyAgent,
  formatDelay,
  secondsAfter,
  windowMatches,
  type AgentClass,
  type TimeWindow,
} from './phase-timing';
import type { PhaseContext, PhaseRule, PhaseTarget } from './phase-types';

function temporalPositions(v: SeriesVolume, ctx: PhaseContext): number {
  return ctx.temporalPositions.get(v.seriesInstanceUid) ?? 0;
}

/** Per-position timing of a many-position DCE series is not evidence of a clinical phase. */
function isDce(v: SeriesVolume, ctx: PhaseContext): boolean {
  return temporalPositions(v, ctx) >= DCE_MIN_TEMPORAL_POSITIONS;
}

/** The agent of this series, else the study's (the pre-contrast series usually records none). */
function agentFor(v: SeriesVolume, ctx: PhaseContext): { name: string; cls: AgentClass } {
  const name = agentOf(v) || ctx.studyAgent;
  return { name, cls: classifyAgent(name) };
}

function agentNote(w: TimeWindow, v: SeriesVolume, ctx: PhaseContext): string {
  if (!w.agents) return '';
  const a = agentFor(v, ctx);
  return a.name === '' ? '; no agent recorded' : `; agent '${a.name}' (${a.cls})`;
}

function bolusStart(v: SeriesVolume, ctx: PhaseContext): { sec: number; borrowed: boolean } | null {
  const own = v.header.contrastBolusStartTimeSec;
  if (own !== null) return { sec: own, borrowed: false };
  return ctx.studyBolusStartSec !== null ? { sec: ctx.studyBolusStartSec, borrowed: true } : null;
}

function bolusTimeRule(w: TimeWindow): PhaseRule {
  return {
    id: `phase.bolus-time.${w.id}`,
    stage: 'phase',
    looksAt: `AcquisitionTime - ContrastBolusStartTime${w.agents ? ', ContrastBolusAgent' : ''}`,
    votesFor: w.phase,
    weight: w.weight,
    summary: `acquired in the ${w.label} (from ContrastBolusStartTime, this series' or the study's)`,
    evaluate: (v, ctx) => {
      const start = bolusStart(v, ctx);
      const t = v.acquisitionTimeSec;
      if (start === null || t === null || isDce(v, ctx)) return null;
      const s = secondsAfter(t, start.sec);
      if (!windowMatches(w, s, agentFor(v, ctx).cls)) return null;
      const source = start.borrowed ? '; start time recorded on other series of the study' : '';
      return `acquired ${formatDelay(s)} contrast start (${w.label}${agentNote(w, v, ctx)})${source}`;
    },
  };
}

function nameDelayRule(w: TimeWindow): PhaseRule {
  return {
    id: `phase.name-delay.${w.id}`,
    stage: 'phase',
    looksAt: `SeriesDescription (delay such as '3min', '70s')${w.agents ? ', ContrastBolusAgent' : ''}`,
    votesFor: w.phase,
    weight: w.weight,
    summary: `delay written in the name falls in the ${w.label}`,
    evaluate: (v, ctx) => {
      const name = descriptionOf(v);
      const agent = agentFor(v, ctx).cls;
      const hit = findNamedDelays(name).find((d) => windowMatches(w, d.seconds, agent));
      return hit ? `SeriesDescription '${name}' says '${hit.text}' (${w.label}${agentNote(w, v, ctx)})` : null;
    },
  };
}

function orderRule(w: TimeWindow): PhaseRule {
  return {
    id: `phase.acquisition-order.${w.id}`,
    stage: 'phase',
    looksAt: 'AcquisitionTime order among same-named T1 series (same grid)',
    votesFor: w.phase,
    // Weaker than a recorded injection time: the arterial timing of the first post member is assumed.
    weight: Math.max(1, w.weight - 1),
    summary: `by acquisition order and gap, ~${ASSUMED_FIRST_POST_SEC} s + gap after the first post-contrast member falls in the ${w.label}`,
    evaluate: (v, ctx) => {
      const o = ctx.order.get(v.id);
      if (!o || o.secondsAfterFirstPost === null) return null;
      const est = o.secondsAfterFirstPost + ASSUMED_FIRST_POST_SEC;
      if (!windowMatches(w, est, agentFor(v, ctx).cls)) return null;
      const pre = o.index === 0 && o.preElsewhere ? `; the pre-contrast image is ${o.preElsewhere}` : '';
      return (
        `${ordinal(o.index + 1)} of ${o.groupSize} '${o.description}' by AcquisitionTime${pre}, ` +
        `${Math.round(o.secondsAfterFirstPost)} s after the first post-contrast one (taken as arterial at ~${ASSUMED_FIRST_POST_SEC} s): ` +
        `~${Math.round(est)} s after injection (${w.label}${agentNote(w, v, ctx)})`
      );
    },
  };
}

const timed = TIME_WINDOWS.filter((w) => w.phase !== 't1_pre');
/** The first post member is assumed at ~25 s, so the order source cannot reach earlier windows. */
const orderable = timed.filter((w) => w.toSec > ASSUMED_FIRST_POST_SEC);

interface NameRow {
  id: string;
  votesFor: PhaseTarget;
  weight: number;
  words: KeywordGroup;
}

/** Keyword rows: the name says the phase. */
const NAME_ROWS: readonly NameRow[] = [
  { id: 'phase.name.pre', votesFor: 't1_pre', weight: 3, words: PRE_WORDS },
  { id: 'phase.name.arterial', votesFor: 'arterial', weight: 3, words: ARTERIAL_WORDS },
  // 'AP' is also a phase-encoding direction: weaker than the spelled-out word.
  { id: 'phase.name.arterial-abbreviation', votesFor: 'arterial', weight: 2, words: ARTERIAL_ABBREVIATIONS },
  { id: 'phase.name.portal-venous', votesFor: 'portal_venous', weight: 3, words: PORTAL_VENOUS_WORDS },
  { id: 'phase.name.delayed', votesFor: 'delayed', weight: 3, words: DELAYED_WORDS },
  { id: 'phase.name.hepatobiliary', votesFor: 'hepatobiliary', weight: 3, words: HEPATOBILIARY_WORDS },
  { id: 'phase.name.post-contrast', votesFor: 't1_pre', weight: -2, words: POST_CONTRAST_WORDS },
];

const NAME_RULES: readonly PhaseRule[] = NAME_ROWS.map(
  (r): PhaseRule => ({
    id: r.id,
    stage: 'phase',
    looksAt: 'SeriesDescription',
    votesFor: r.votesFor,
    weight: r.weight,
    summary: `SeriesDescription has a ${r.words.meaning}`,
    evaluate: byKeyword('SeriesDescription', r.words),
  }),
);

/** "1 other T1 series of the study records" / "3 other T1 series of the study record". */
function otherT1Series(n: number): string {
  return `${n} other T1 series of the study ${n === 1 ? 'records' : 'record'}`;
}

function hasHepatobiliaryLabel(v: SeriesVolume): boolean {
  const name = descriptionOf(v);
  return findKeywords(name, HEPATOBILIARY_WORDS).length > 0;
}

const AGENT_RULES: readonly PhaseRule[] = [
  {
    id: 'phase.agent.absent-on-this-series',
    stage: 'phase',
    looksAt: 'ContrastBolusAgent of this and the other T1 series',
    votesFor: 't1_pre',
    weight: 3,
    summary: 'ContrastBolusAgent empty while other T1 series of the study record one (not for split multi-phase series)',
    evaluate: (v, ctx) => {
      if (isTemporalSplit(v, ctx.temporalPositions) || agentOf(v) !== '') return null;
      const others = [...ctx.t1SeriesWithAgent].filter((uid) => uid !== v.seriesInstanceUid);
      if (others.length === 0) return null;
      return `ContrastBolusAgent empty while ${otherT1Series(others.length)} '${ctx.studyAgent}'`;
    },
  },
  {
    id: 'phase.agent.present-while-pre-lacks-it',
    stage: 'phase',
    looksAt: 'ContrastBolusAgent of this and the other T1 series',
    votesFor: 't1_pre',
    weight: -3,
    summary: 'ContrastBolusAgent set while another T1 series of the study has none: this one is post-contrast',
    evaluate: (v, ctx) => {
      if (isTemporalSplit(v, ctx.temporalPositions) || agentOf(v) === '') return null;
      const others = [...ctx.t1SeriesWithoutAgent].filter((uid) => uid !== v.seriesInstanceUid);
      if (others.length === 0) return null;
      return `ContrastBolusAgent '${agentOf(v)}' set while ${otherT1Series(others.length)} none (post-contrast)`;
    },
  },
  {
    id: 'phase.agent.none-in-study-single-t1',
    stage: 'phase',
    looksAt: 'ContrastBolusAgent of every series, number of T1 series',
    votesFor: 't1_pre',
    weight: 1,
    summary: 'the only T1 series of a study without any ContrastBolusAgent (weak: the tag is often left empty)',
    evaluate: (v, ctx) => {
      if (ctx.studyAgent !== '' || ctx.t1SeriesWithoutAgent.size !== 1) return null;
      return 'no ContrastBolusAgent anywhere in the study and this is its only T1 series (weak: often left empty)';
    },
  },
  {
    id: 'phase.agent.extracellular-no-hepatobiliary',
    stage: 'phase',
    looksAt: 'ContrastBolusAgent, SeriesDescription',
    votesFor: 'hepatobiliary',
    weight: -3,
    summary: 'an extracellular agent (Dotarem, Gadavist, MultiHance, ProHance, Clariscan) has no hepatobiliary phase',
    evaluate: (v, ctx) => {
      const a = agentFor(v, ctx);
      if (a.cls !== 'extracellular' || !hasHepatobiliaryLabel(v)) return null;
      return `named hepatobiliary but agent '${a.name}' is extracellular: no hepatobiliary phase`;
    },
  },
  {
    id: 'phase.agent.extracellular-late-is-delayed',
    stage: 'phase',
    looksAt: 'ContrastBolusAgent, SeriesDescription',
    votesFor: 'delayed',
    weight: 2,
    summary: "a late series named hepatobiliary after an extracellular agent is a (late) delayed phase",
    evaluate: (v, ctx) => {
      const a = agentFor(v, ctx);
      if (a.cls !== 'extracellular' || !hasHepatobiliaryLabel(v)) return null;
      return `late series named hepatobiliary after extracellular '${a.name}': read as delayed`;
    },
  },
];

const ORDER_FIRST_RULE: PhaseRule = {
  id: 'phase.acquisition-order.first',
  stage: 'phase',
  looksAt: 'AcquisitionTime order among same-named T1 series (same grid)',
  votesFor: 't1_pre',
  weight: 2,
  summary: 'first of >= 3 same-named T1 series by acquisition time (pre-contrast is acquired first)',
  evaluate: (v, ctx) => {
    const o = ctx.order.get(v.id);
    if (!o || !o.presumedPre) return null;
    return `1st of ${o.groupSize} '${o.description}' by AcquisitionTime (pre-contrast is acquired first)`;
  },
};

const TEMPORAL_RULES: readonly PhaseRule[] = [
  {
    id: 'phase.temporal.many-positions',
    stage: 'phase',
    looksAt: 'NumberOfTemporalPositions, TemporalPositionIdentifier',
    votesFor: 'dce_dynamic',
    weight: 8,
    summary: `series with >= ${DCE_MIN_TEMPORAL_POSITIONS} temporal positions: a DCE series, not one clinical phase`,
    evaluate: (v, ctx) => {
      const n = temporalPositions(v, ctx);
      if (n < DCE_MIN_TEMPORAL_POSITIONS) return null;
      const part = v.temporalPositionIdentifier !== null ? `; this is position ${v.temporalPositionIdentifier}` : '';
      return `series holds ${n} temporal positions (DCE series, > ${DCE_MIN_TEMPORAL_POSITIONS - 1})${part}`;
    },
  },
  {
    id: 'phase.temporal.unsplit-multi-phase',
    stage: 'phase',
    looksAt: 'NumberOfTemporalPositions, TemporalPositionIdentifier of the frames',
    votesFor: 'dce_dynamic',
    weight: 4,
    summary: 'several phases held in one volume that was not split by temporal position',
    evaluate: (v, ctx) => {
      const n = temporalPositions(v, ctx);
      if (isTemporalSplit(v, ctx.temporalPositions) || n < 2 || n >= DCE_MIN_TEMPORAL_POSITIONS) return null;
      return `one volume holds ${n} temporal positions (phases not split)`;
    },
  },
];

export const CONTRAST_RULES: readonly PhaseRule[] = [
  ...NAME_RULES,
  ...AGENT_RULES,
  ...TIME_WINDOWS.map(bolusTimeRule),
  ...timed.map(nameDelayRule),
  ORDER_FIRST_RULE,
  ...orderable.map(orderRule),
  ...TEMPORAL_RULES,
];
