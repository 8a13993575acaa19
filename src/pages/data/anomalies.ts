// Anomaly episodes from the anomaly query's series frames (backend/plugin/frames/anomaly.ts): runs of
// points whose score is above the threshold.

import type { DataFrame } from '@grafana/data';
import { field, frameLabels, numberAt } from './frames';

export interface AnomalyEpisode {
  signal: string;
  series: string;
  labels: Record<string, string>;
  service?: string;
  start: number;
  end: number;
  peakAt: number;
  peakScore: number;
  /** The value and the band's expectation at the peak. */
  value: number | null;
  expected: number | null;
  /** The series' last point is still anomalous. */
  ongoing: boolean;
}

export interface SeriesScore {
  signal: string;
  series: string;
  service?: string;
  /** The score of the last point that has one. */
  latest: number | null;
  latestAt: number | null;
}

export function anomalyEpisodes(frames: DataFrame[], signal: string, threshold: number, serviceLabel: string): AnomalyEpisode[] {
  const episodes: AnomalyEpisode[] = [];
  for (const frame of frames) {
    const time = field(frame, 'time');
    const score = field(frame, 'score');
    if (!time || !score) {
      continue;
    }
    const labels = frameLabels(frame);
    const series = frame.name ?? JSON.stringify(labels);
    let open: AnomalyEpisode | undefined;
    for (let i = 0; i < frame.length; i++) {
      const s = numberAt(score, i);
      const t = time.values[i] as number;
      if (s !== null && s > threshold) {
        if (!open) {
          open = { signal, series, labels, service: labels[serviceLabel], start: t, end: t, peakAt: t, peakScore: s, value: null, expected: null, ongoing: false };
          episodes.push(open);
        }
        open.end = t;
        if (s >= open.peakScore) {
          open.peakScore = s;
          open.peakAt = t;
          open.value = numberAt(field(frame, 'value'), i);
          open.expected = numberAt(field(frame, 'expected'), i);
        }
        open.ongoing = i === frame.length - 1;
      } else if (s !== null) {
        open = undefined;
      }
    }
  }
  return episodes;
}

export function latestScores(frames: DataFrame[], signal: string, serviceLabel: string): SeriesScore[] {
  return frames.flatMap((frame) => {
    const time = field(frame, 'time');
    const score = field(frame, 'score');
    if (!time || !score) {
      return [];
    }
    const labels = frameLabels(frame);
    let i = frame.length - 1;
    while (i >= 0 && numberAt(score, i) === null) {
      i--;
    }
    return [{ signal, series: frame.name ?? JSON.stringify(labels), service: labels[serviceLabel], latest: i >= 0 ? numberAt(score, i) : null, latestAt: i >= 0 ? (time.values[i] as number) : null }];
  });
}
