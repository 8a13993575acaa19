// The forecast graph: bands, observed, expected and predicted lines and anomaly markers on a
// canvas (draw.ts), with grid, axes, thresholds, predicted crossings and the cursor in SVG around
// it; a cursor tooltip, wheel zoom, drag pan and keyboard control.

import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import * as d3 from 'd3';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { drawSeries } from './draw';
import type { ForecastSeries, Values } from './frames';
import { ForecastTooltip, type TooltipRow } from './ForecastTooltip';
import type { ForecastPanelOptions } from './types';
import { clampWindow, nearestIndex, panWindow, zoomWindow, type TimeWindow } from './view';

export interface DrawnSeries extends ForecastSeries {
  color: string;
}

export interface ThresholdLine {
  value: number;
  color: string;
}

export interface CrossingMarker {
  seriesKey: string;
  time: number;
  threshold: number;
  color: string;
  /** e.g. "cpu crosses 80 at 14:32 (p=0.62)" */
  label: string;
}

interface Props {
  series: DrawnSeries[];
  thresholds: ThresholdLine[];
  crossings: CrossingMarker[];
  options: ForecastPanelOptions;
  full: TimeWindow;
  width: number;
  height: number;
  formatValue: (v: number) => string;
  formatTime: (t: number, span: number) => string;
}

const MARGIN = { top: 10, right: 16, bottom: 24, left: 56 };
const ZOOM_STEP = 1.5;

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

function yExtent(series: DrawnSeries[], options: ForecastPanelOptions, thresholds: ThresholdLine[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const scan = (values?: Values) => {
    if (!values) return;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (finite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  };
  for (const s of series) {
    if (options.showActual) scan(s.actual);
    if (options.showForecast) scan(s.predicted);
    scan(s.expected);
    if (options.showBands) s.bands.forEach((b) => (scan(b.lower), scan(b.upper)));
  }
  if (options.showThresholds) thresholds.forEach((t) => ((lo = Math.min(lo, t.value)), (hi = Math.max(hi, t.value))));
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  return [lo, hi];
}

export function ForecastGraph({ series, thresholds, crossings, options, full, width, height, formatValue, formatTime }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const [view, setView] = useState<TimeWindow>(full);
  const [cursor, setCursor] = useState<{ t: number; py?: number } | undefined>();
  const svgRef = useRef<SVGSVGElement>(null);
  const drag = useRef<{ x: number; view: TimeWindow } | undefined>(undefined);

  // New data keeps the zoom where it still fits.
  useEffect(() => setView((v) => (v.from === v.to ? full : clampWindow(v, full))), [full]);
  const win = clampWindow(view, full);
  const span = win.to - win.from || 1;
  const pxPerMs = innerW / span;

  const [y0, y1] = useMemo(() => yExtent(series, options, thresholds), [series, options, thresholds]);
  const y = useMemo(() => d3.scaleLinear().domain([y0, y1]).nice().range([innerH, 0]), [y0, y1, innerH]);
  const x = useMemo(() => d3.scaleTime().domain([win.from, win.to]).range([0, innerW]), [win.from, win.to, innerW]);

  const canvasRef = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(innerW * ratio) || canvas.height !== Math.round(innerH * ratio)) {
      canvas.width = Math.round(innerW * ratio);
      canvas.height = Math.round(innerH * ratio);
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, innerW, innerH);
    const counts = drawSeries(ctx, series, options, win, (t) => (t - win.from) * pxPerMs, (v) => y(v), theme.colors.error.main, theme.colors.background.primary);
    // What was drawn, for the browser tests (the canvas itself is opaque to them).
    for (const [k, v] of Object.entries(counts)) canvas.setAttribute(`data-${k}`, String(v));
    canvas.setAttribute('data-keys', series.map((s) => s.key).join('\n'));
  }, [series, options, win.from, win.to, pxPerMs, y, innerW, innerH, theme]);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const el = svgRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      setView((v) => {
        const w = clampWindow(v, full);
        const anchor = w.from + ((e.clientX - rect.left - MARGIN.left) / innerW) * (w.to - w.from);
        return zoomWindow(w, full, Math.pow(1.002, -e.deltaY), anchor);
      });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [full, innerW]);

  const timeAt = (clientX: number) => {
    const rect = svgRef.current!.getBoundingClientRect();
    return win.from + ((clientX - rect.left - MARGIN.left) / innerW) * span;
  };
  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, view: win };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    if (drag.current) {
      const d = drag.current;
      setView(panWindow(d.view, full, -(e.clientX - d.x) / pxPerMs));
      return;
    }
    const rect = svgRef.current!.getBoundingClientRect();
    setCursor({ t: timeAt(e.clientX), py: e.clientY - rect.top - MARGIN.top });
  };
  const onPointerUp = () => (drag.current = undefined);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = span / 50;
    const t = cursor?.t ?? win.to;
    const handled = () => e.preventDefault();
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const dir = e.key === 'ArrowLeft' ? -1 : 1;
      if (e.shiftKey) setView(panWindow(win, full, dir * step * 5));
      else setCursor({ t: Math.min(win.to, Math.max(win.from, t + dir * step)) });
      handled();
    } else if (e.key === '+' || e.key === '=') {
      setView(zoomWindow(win, full, ZOOM_STEP, cursor?.t ?? (win.from + win.to) / 2));
      handled();
    } else if (e.key === '-') {
      setView(zoomWindow(win, full, 1 / ZOOM_STEP, cursor?.t ?? (win.from + win.to) / 2));
      handled();
    } else if (e.key === '0' || e.key === 'Home') {
      setView(full);
      handled();
    } else if (e.key === 'Escape') {
      setCursor(undefined);
      handled();
    }
  };

  const rows = useMemo<TooltipRow[]>(() => {
    if (!cursor || options.tooltip.mode === 'none') return [];
    const all = series.flatMap((s) => {
      const i = nearestIndex(s.time, cursor.t);
      if (i < 0) return [];
      const actual = s.actual?.[i];
      const predicted = s.predicted?.[i];
      const observed = finite(actual);
      const value = observed ? actual : finite(predicted) ? predicted : undefined;
      if (value === undefined) return [];
      const score = s.score?.[i];
      return [
        {
          key: s.key,
          name: s.name,
          color: s.color,
          time: s.time[i],
          value: formatValue(value),
          rawValue: value,
          kind: observed ? 'observed' : 'predicted',
          intervals: s.bands
            .filter((b) => finite(b.lower[i]) && finite(b.upper[i]))
            .map((b) => ({ label: b.label, text: `${formatValue(b.lower[i] as number)} – ${formatValue(b.upper[i] as number)}` })),
          expected: finite(s.expected?.[i]) ? formatValue(s.expected![i] as number) : undefined,
          score: finite(score) ? score : undefined,
          anomalous: finite(score) && score >= options.anomalyThreshold,
          model: observed ? undefined : s.model,
        } satisfies TooltipRow,
      ];
    });
    if (options.tooltip.mode === 'single' && cursor.py !== undefined && all.length > 1) {
      const nearest = d3.least(all, (r) => Math.abs(y(r.rawValue) - cursor.py!));
      return nearest ? [nearest] : [];
    }
    return all;
  }, [cursor, series, options, formatValue, y]);

  const cursorX = cursor ? x(rows[0]?.time ?? cursor.t) : undefined;
  const xTicks = x.ticks(Math.max(2, Math.floor(innerW / 100)));
  const clipId = useMemo(() => `forecast-clip-${Math.random().toString(36).slice(2)}`, []);

  return (
    <div
      className={styles.container}
      style={{ width, height }}
      tabIndex={0}
      role="group"
      aria-label="Forecast graph. Arrow keys move the cursor, Shift with arrows pans, plus and minus zoom, 0 resets the zoom."
      onKeyDown={onKeyDown}
      onBlur={() => setCursor(undefined)}
      data-testid="forecast-graph"
      data-zoomed={win.from !== full.from || win.to !== full.to ? 'true' : 'false'}
      data-window={`${Math.round(win.from)}-${Math.round(win.to)}`}
    >
      <svg width={width} height={height} className={styles.layer} aria-hidden>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {y.ticks(Math.max(2, Math.floor(innerH / 40))).map((v) => (
            <g key={`y${v}`} transform={`translate(0,${y(v)})`}>
              <line x2={innerW} stroke={theme.colors.border.weak} />
              <text x={-6} dy="0.32em" textAnchor="end" className={styles.tick}>
                {formatValue(v)}
              </text>
            </g>
          ))}
          {xTicks.map((t) => (
            <text key={`x${+t}`} x={x(t)} y={innerH + 16} textAnchor="middle" className={styles.tick}>
              {formatTime(+t, span)}
            </text>
          ))}
        </g>
      </svg>
      <canvas
        ref={canvasRef}
        className={styles.layer}
        style={{ left: MARGIN.left, top: MARGIN.top, width: innerW, height: innerH }}
        data-testid="forecast-canvas"
        aria-hidden
      />
      <svg
        ref={svgRef}
        width={width}
        height={height}
        role="img"
        aria-label={`Forecast of ${series.length} series${crossings.length ? `; ${crossings.map((c) => c.label).join('; ')}` : ''}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => (drag.current ? undefined : setCursor(undefined))}
        onDoubleClick={() => setView(full)}
        className={styles.svg}
        data-testid="forecast-overlay"
      >
        <defs>
          <clipPath id={clipId}>
            <rect width={innerW} height={innerH} />
          </clipPath>
        </defs>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <g clipPath={`url(#${clipId})`}>
            {options.showThresholds &&
              thresholds.map((t) => (
                <g key={`t${t.value}`} data-testid="threshold-line" data-value={t.value}>
                  <line x1={0} x2={innerW} y1={y(t.value)} y2={y(t.value)} stroke={t.color} strokeDasharray="4 4" strokeWidth={1.5} />
                  <text x={innerW - 4} y={y(t.value) - 4} textAnchor="end" className={styles.tick} fill={t.color}>
                    {formatValue(t.value)}
                  </text>
                </g>
              ))}
            {options.showCrossings &&
              crossings.map((c) => {
                const cx = x(c.time);
                const cy = y(c.threshold);
                const right = cx > innerW * 0.6;
                return (
                  <g key={`${c.seriesKey}-${c.threshold}`} data-testid="crossing-marker" aria-label={c.label}>
                    <line x1={cx} x2={cx} y1={0} y2={innerH} stroke={c.color} strokeDasharray="1 3" strokeWidth={1.5} />
                    <circle cx={cx} cy={cy} r={5} fill="none" stroke={c.color} strokeWidth={2} />
                    <text x={right ? cx - 6 : cx + 6} y={12} textAnchor={right ? 'end' : 'start'} className={styles.crossing}>
                      {c.label}
                    </text>
                  </g>
                );
              })}
          </g>
          {cursorX !== undefined && cursorX >= 0 && cursorX <= innerW && <line x1={cursorX} x2={cursorX} y2={innerH} stroke={theme.colors.text.secondary} strokeWidth={1} pointerEvents="none" />}
        </g>
      </svg>
      {rows.length > 0 && cursorX !== undefined && (
        <ForecastTooltip rows={rows} left={MARGIN.left + cursorX} width={width} title={formatTime(rows[0].time, 0)} />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({ position: 'relative', outline: 'none', '&:focus-visible': { boxShadow: `0 0 0 2px ${theme.colors.primary.border}` } }),
  svg: css({ position: 'absolute', left: 0, top: 0, display: 'block', touchAction: 'none', cursor: 'crosshair', userSelect: 'none' }),
  layer: css({ position: 'absolute', left: 0, top: 0, display: 'block', pointerEvents: 'none' }),
  tick: css({ fontSize: theme.typography.bodySmall.fontSize, fill: theme.colors.text.secondary }),
  crossing: css({ fontSize: theme.typography.bodySmall.fontSize, fill: theme.colors.text.primary, fontWeight: theme.typography.fontWeightMedium }),
});
