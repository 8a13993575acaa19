import { useMemo } from 'react';
import * as d3 from 'd3';
import type { PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { useTheme2 } from '@grafana/ui';
import { readForecastSeries } from './frames';
import type { ForecastPanelOptions } from './types';

const MARGIN = { top: 8, right: 12, bottom: 24, left: 48 };

type Point = [number, number | null];

export function ForecastPanel({ data, options, width, height, timeRange, fieldConfig, id }: PanelProps<ForecastPanelOptions>) {
  const theme = useTheme2();
  const series = useMemo(() => readForecastSeries(data.series), [data.series]);

  const geometry = useMemo(() => {
    const innerW = Math.max(0, width - MARGIN.left - MARGIN.right);
    const innerH = Math.max(0, height - MARGIN.top - MARGIN.bottom);
    const values: number[] = [];
    let tMax = timeRange.to.valueOf();
    for (const s of series) {
      for (const arr of [s.actual, s.predicted, s.lower, s.upper]) {
        arr?.forEach((v) => v !== null && Number.isFinite(v) && values.push(v));
      }
      if (s.predicted) {
        tMax = Math.max(tMax, s.time[s.time.length - 1]);
      }
    }
    const [lo, hi] = d3.extent(values) as [number | undefined, number | undefined];
    const x = d3.scaleTime().domain([timeRange.from.valueOf(), tMax]).range([0, innerW]);
    const y = d3
      .scaleLinear()
      .domain([lo ?? 0, hi ?? 1])
      .nice()
      .range([innerH, 0]);
    return { innerW, innerH, x, y };
  }, [series, width, height, timeRange]);

  if (series.length === 0) {
    return <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} needsTimeField needsNumberField />;
  }

  const { innerW, innerH, x, y } = geometry;
  const defined = (p: Point) => p[1] !== null && Number.isFinite(p[1]);
  const line = d3
    .line<Point>()
    .defined(defined)
    .x((p) => x(p[0]))
    .y((p) => y(p[1] as number));
  const points = (time: number[], values?: Array<number | null>): Point[] => (values ? time.map((t, i) => [t, values[i]]) : []);
  const colors = theme.visualization.palette;

  return (
    <svg width={width} height={height} role="img" aria-label="Forecast graph">
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        {y.ticks(5).map((v) => (
          <g key={`y${v}`} transform={`translate(0,${y(v)})`}>
            <line x2={innerW} stroke={theme.colors.border.weak} />
            <text x={-6} dy="0.32em" textAnchor="end" fontSize={11} fill={theme.colors.text.secondary}>
              {d3.format('~s')(v)}
            </text>
          </g>
        ))}
        {x.ticks(Math.max(2, Math.floor(innerW / 90))).map((t) => (
          <text key={`x${+t}`} x={x(t)} y={innerH + 16} textAnchor="middle" fontSize={11} fill={theme.colors.text.secondary}>
            {d3.timeFormat('%H:%M')(t)}
          </text>
        ))}
        {series.map((s, i) => {
          const color = theme.visualization.getColorByName(colors[i % colors.length]);
          const band =
            options.showBand && s.lower && s.upper
              ? d3
                  .area<number>()
                  .defined((j) => s.lower![j] !== null && s.upper![j] !== null)
                  .x((j) => x(s.time[j]))
                  .y0((j) => y(s.lower![j] as number))
                  .y1((j) => y(s.upper![j] as number))(d3.range(s.time.length))
              : null;
          return (
            <g key={s.name} data-testid={`forecast-series-${i}`}>
              {band && <path d={band} fill={color} opacity={0.2} />}
              {options.showActual && s.actual && <path d={line(points(s.time, s.actual)) ?? ''} fill="none" stroke={color} strokeWidth={1.5} />}
              {s.predicted && <path d={line(points(s.time, s.predicted)) ?? ''} fill="none" stroke={color} strokeWidth={1.5} strokeDasharray="6 4" />}
            </g>
          );
        })}
      </g>
    </svg>
  );
}
