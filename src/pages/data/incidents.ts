// Correlated events: anomaly episodes that overlap in time (or follow within a gap) are grouped, as
// one incident candidate, across signals and services. Ranking a root cause among them is the
// causality analyzer's job; this only says what happened together.

import type { AnomalyEpisode } from './anomalies';

export interface CorrelatedEvents {
  start: number;
  end: number;
  services: string[];
  episodes: AnomalyEpisode[];
  peakScore: number;
  ongoing: boolean;
}

export function correlateEpisodes(episodes: AnomalyEpisode[], gapMs: number): CorrelatedEvents[] {
  const sorted = [...episodes].sort((a, b) => a.start - b.start);
  const groups: CorrelatedEvents[] = [];
  for (const e of sorted) {
    const last = groups[groups.length - 1];
    if (last && e.start <= last.end + gapMs) {
      last.episodes.push(e);
      last.end = Math.max(last.end, e.end);
      last.peakScore = Math.max(last.peakScore, e.peakScore);
      last.ongoing ||= e.ongoing;
    } else {
      groups.push({ start: e.start, end: e.end, services: [], episodes: [e], peakScore: e.peakScore, ongoing: e.ongoing });
    }
  }
  for (const g of groups) {
    // Earliest first within a group: the first to go wrong is where to start looking.
    g.episodes.sort((a, b) => a.start - b.start || b.peakScore - a.peakScore);
    g.services = [...new Set(g.episodes.map((e) => e.service ?? 'unlabelled'))];
  }
  return groups.reverse();
}
