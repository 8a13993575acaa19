// Draws the data layers (bands, expected, observed and predicted lines, anomaly diamonds) on a
// canvas, only the samples inside the visible window. Canvas rather than SVG: tens of thousands of
// points redraw within a frame while panning, where an SVG of the same paths repaints too slowly.

import * as d3 from 'd3';
import type { ForecastSeries, Values } from './frames';
import type { ForecastPanelOptions } from './types';
import { nearestIndex, type TimeWindow } from './view';

export interface CanvasSeries extends ForecastSeries {
  color: string;
}

export interface DrawCounts {
  series: number;
  bands: number;
  actual: number;
  predicted: number;
  anomalies: number;
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
const ANOMALY_RADIUS = 4.5;

function visibleRange(time: ArrayLike<number>, win: TimeWindow): [number, number] {
  // One sample beyond each edge so lines run to the border.
  return [Math.max(0, nearestIndex(time, win.from) - 1), Math.min(time.length - 1, nearestIndex(time, win.to) + 1)];
}

function hasAny(values: Values | undefined, i0: number, i1: number): boolean {
  if (!values) return false;
  for (let i = i0; i <= i1; i++) if (finite(values[i])) return true;
  return false;
}

export function drawSeries(
  ctx: CanvasRenderingContext2D,
  series: CanvasSeries[],
  options: ForecastPanelOptions,
  win: TimeWindow,
  x: (t: number) => number,
  y: (v: number) => number,
  anomalyFill: string,
  anomalyStroke: string,
): DrawCounts {
  const counts: DrawCounts = { series: series.length, bands: 0, actual: 0, predicted: 0, anomalies: 0 };
  for (const s of series) {
    const [i0, i1] = visibleRange(s.time, win);
    if (i1 < i0) continue;
    const idx = d3.range(i0, i1 + 1);
    const line = (values: Values) =>
      d3
        .line<number>()
        .defined((i) => finite(values[i]))
        .x((i) => x(s.time[i]))
        .y((i) => y(values[i] as number))
        .context(ctx);
    if (options.showBands) {
      s.bands.forEach((b, k) => {
        if (!hasAny(b.lower, i0, i1)) return;
        ctx.beginPath();
        d3.area<number>()
          .defined((i) => finite(b.lower[i]) && finite(b.upper[i]))
          .x((i) => x(s.time[i]))
          .y0((i) => y(b.lower[i] as number))
          .y1((i) => y(b.upper[i] as number))
          .context(ctx)(idx);
        ctx.globalAlpha = 0.12 + 0.06 * k;
        ctx.fillStyle = s.color;
        ctx.fill();
        ctx.globalAlpha = 1;
        counts.bands++;
      });
    }
    const stroke = (values: Values | undefined, width: number, dash: number[], alpha = 1) => {
      if (!values || !hasAny(values, i0, i1)) return false;
      ctx.beginPath();
      line(values)(idx);
      ctx.setLineDash(dash);
      ctx.lineWidth = width;
      ctx.strokeStyle = s.color;
      ctx.globalAlpha = alpha;
      ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.setLineDash([]);
      return true;
    };
    stroke(s.expected, 1, [2, 3], 0.6);
    if (options.showActual && stroke(s.actual, 1.5, [])) counts.actual++;
    if (options.showForecast && stroke(s.predicted, 1.5, [6, 4])) counts.predicted++;
    const values = s.actual ?? s.predicted;
    if (options.showAnomalies && s.score && values) {
      ctx.beginPath();
      let n = 0;
      for (let i = i0; i <= i1; i++) {
        const score = s.score[i];
        const v = values[i];
        if (finite(score) && score >= options.anomalyThreshold && finite(v)) {
          const px = x(s.time[i]);
          const py = y(v);
          // A diamond: a shape, not only a colour.
          ctx.moveTo(px, py - ANOMALY_RADIUS);
          ctx.lineTo(px + ANOMALY_RADIUS, py);
          ctx.lineTo(px, py + ANOMALY_RADIUS);
          ctx.lineTo(px - ANOMALY_RADIUS, py);
          ctx.closePath();
          n++;
        }
      }
      if (n) {
        ctx.fillStyle = anomalyFill;
        ctx.strokeStyle = anomalyStroke;
        ctx.lineWidth = 1;
        ctx.fill();
        ctx.stroke();
        counts.anomalies += n;
      }
    }
  }
  return counts;
}
