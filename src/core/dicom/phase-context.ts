import type { SeriesVolume } from './model';
import { PRE_WORDS, findKeywords, hasPhaseWording, normaliseName } from './phase-keywords';
import { secondsAfter } from './phase-timing';
import type { OrderInfo, PhaseContext, StudyContext } from './phase-types';

/** More temporal positions than this make a DCE series, not a set of clinical phases. */
export const DCE_MIN_TEMPORAL_POSITIONS = 7;
/** Acquisition order is read only from at least this many same-named T1 series (pre + two post). */
export const ORDER_MIN_GROUP = 3;

export function agentOf(v: SeriesVolume): string {
  return v.header.contrastBolusAgent.trim();
}

export function descriptionOf(v: SeriesVolume): string {
  return v.seriesDescription || v.header.seriesDescription;
}

export function protocolOf(v: SeriesVolume): string {
  return v.protocolName || v.header.protocolName;
}

/**
 * Part of a series split by temporal position: its header (agent, start time) is shared by all parts.
 * A single-phase series that merely writes TemporalPositionIdentifier 1 is not one.
 */
export function isTemporalSplit(v: SeriesVolume, temporalPositions: ReadonlyMap<string, number>): boolean {
  return v.temporalPositionIdentifier !== null && (temporalPositions.get(v.seriesInstanceUid) ?? 0) > 1;
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = '';
  let bestCount = 0;
  for (const [v, c] of counts) {
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

function countTemporalPositions(volumes: readonly SeriesVolume[]): Map<string, number> {
  const ids = new Map<string, Set<number>>();
  const declared = new Map<string, number>();
  for (const v of volumes) {
    const uid = v.seriesInstanceUid;
    const set = ids.get(uid) ?? new Set<number>();
    if (v.temporalPositionIdentifier !== null) set.add(v.temporalPositionIdentifier);
    for (const f of v.frames) if (f.temporalPositionIdentifier !== null) set.add(f.temporalPositionIdentifier);
    ids.set(uid, set);
    declared.set(uid, Math.max(declared.get(uid) ?? 0, v.header.numberOfTemporalPositions ?? 0));
  }
  const out = new Map<string, number>();
  for (const [uid, set] of ids) out.set(uid, Math.max(set.size, declared.get(uid) ?? 0));
  return out;
}

export function buildStudyContext(volumes: readonly SeriesVolume[]): StudyContext {
  const agents = volumes.map(agentOf).filter((a) => a !== '');
  const starts = new Set<number>();
  for (const v of volumes) if (v.header.contrastBolusStartTimeSec !== null) starts.add(v.header.contrastBolusStartTimeSec);
  const [onlyStart] = starts;
  return {
    volumes,
    studyAgent: mostCommon(agents),
    studyBolusStartSec: starts.size === 1 && onlyStart !== undefined ? onlyStart : null,
    temporalPositions: countTemporalPositions(volumes),
  };
}

function orderKey(v: SeriesVolume): string {
  const dims = v.geometry ? v.geometry.dims.join('x') : 'no-grid';
  return `${normaliseName(descriptionOf(v))}|${dims}`;
}

/**
 * Why the first member of a group is post-contrast, or null when it is taken as the pre. The pre is
 * elsewhere when (a) the first member records an agent while another T1 series has none (not for a
 * split series: its header is shared with any pre position), or (b) another T1 series named pre was
 * acquired before the group (GE: 'Ax LAVA-Flex PRE' then a multi-phase 'MPH' series).
 */
function preElsewhere(
  first: SeriesVolume,
  members: readonly SeriesVolume[],
  volumes: readonly SeriesVolume[],
  t1Ids: ReadonlySet<string>,
  withoutAgent: ReadonlySet<string>,
  temporalPositions: ReadonlyMap<string, number>,
): string | null {
  if (!isTemporalSplit(first, temporalPositions) && agentOf(first) !== '' && [...withoutAgent].some((uid) => uid !== first.seriesInstanceUid)) {
    return 'a T1 series without ContrastBolusAgent';
  }
  const start = first.acquisitionTimeSec;
  const namedPre = volumes.find(
    (o) =>
      t1Ids.has(o.id) &&
      !members.includes(o) &&
      o.acquisitionTimeSec !== null &&
      start !== null &&
      o.acquisitionTimeSec <= start &&
      findKeywords(descriptionOf(o), PRE_WORDS).length > 0,
  );
  return namedPre ? `'${descriptionOf(namedPre)}'` : null;
}

/**
 * Groups T1 volumes that share a name without phase wording (Siemens 't1_vibe_fs_tra_dyn' for every
 * phase, or the positions of a split multi-phase series) and the same grid, and orders each group by
 * acquisition time. The first member is taken as pre-contrast unless the pre is elsewhere (above).
 */
function buildOrder(
  volumes: readonly SeriesVolume[],
  t1Ids: ReadonlySet<string>,
  withoutAgent: ReadonlySet<string>,
  temporalPositions: ReadonlyMap<string, number>,
): Map<string, OrderInfo> {
  const groups = new Map<string, SeriesVolume[]>();
  for (const v of volumes) {
    if (!t1Ids.has(v.id) || v.acquisitionTimeSec === null) continue;
    if ((temporalPositions.get(v.seriesInstanceUid) ?? 0) >= DCE_MIN_TEMPORAL_POSITIONS) continue;
    if (hasPhaseWording(descriptionOf(v))) continue;
    const key = orderKey(v);
    const g = groups.get(key) ?? [];
    g.push(v);
    groups.set(key, g);
  }
  const order = new Map<string, OrderInfo>();
  for (const members of groups.values()) {
    if (members.length < ORDER_MIN_GROUP) continue;
    const sorted = [...members].sort(
      (a, b) => (a.acquisitionTimeSec ?? 0) - (b.acquisitionTimeSec ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const first = sorted[0];
    if (!first) continue;
    const elsewhere = preElsewhere(first, members, volumes, t1Ids, withoutAgent, temporalPositions);
    const firstPostTime = sorted[elsewhere ? 0 : 1]?.acquisitionTimeSec ?? null;
    sorted.forEach((v, index) => {
      const presumedPre = index === 0 && elsewhere === null;
      const t = v.acquisitionTimeSec;
      order.set(v.id, {
        description: descriptionOf(v),
        groupSize: sorted.length,
        index,
        presumedPre,
        preElsewhere: elsewhere,
        secondsAfterFirstPost: presumedPre || t === null || firstPostTime === null ? null : secondsAfter(t, firstPostTime),
      });
    });
  }
  return order;
}

/** Adds what the phase rules need about the study's T1 series once each volume's family is known. */
export function buildPhaseContext(ctx: StudyContext, t1Ids: ReadonlySet<string>): PhaseContext {
  const withAgent = new Set<string>();
  const withoutAgent = new Set<string>();
  for (const v of ctx.volumes) {
    if (!t1Ids.has(v.id)) continue;
    (agentOf(v) === '' ? withoutAgent : withAgent).add(v.seriesInstanceUid);
  }
  return {
    ...ctx,
    t1Ids,
    t1SeriesWithAgent: withAgent,
    t1SeriesWithoutAgent: withoutAgent,
    order: buildOrder(ctx.volumes, t1Ids, withoutAgent, ctx.temporalPositions),
  };
}
