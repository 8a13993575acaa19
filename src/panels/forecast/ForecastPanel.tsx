import { useCallback, useMemo, useState, type MouseEvent } from 'react';
import { css } from '@emotion/css';
import {
  LoadingState,
  dateTimeFormat,
  formattedValueToString,
  getValueFormat,
  type GrafanaTheme2,
  type PanelProps,
  type ThresholdsConfig,
} from '@grafana/data';
import { LegendDisplayMode } from '@grafana/schema';
import { PanelDataErrorView } from '@grafana/runtime';
import { LoadingPlaceholder, VizLayout, VizLegend, useStyles2, useTheme2, type VizLegendItem } from '@grafana/ui';
import { firstCrossing } from './crossings';
import { ForecastGraph, type CrossingMarker, type DrawnSeries, type ThresholdLine } from './ForecastGraph';
import { readPanelSeries } from './frames';
import type { ForecastPanelOptions } from './types';

function thresholdLines(config: ThresholdsConfig | undefined, reported: number[], theme: GrafanaTheme2): ThresholdLine[] {
  // The first step is the base (-Infinity): a colour, not a line.
  const steps = (config?.steps ?? []).filter((s) => Number.isFinite(s.value)).map((s) => ({ value: s.value, color: theme.visualization.getColorByName(s.color) }));
  const known = new Set(steps.map((s) => s.value));
  const fromQueries = [...new Set(reported)].filter((v) => !known.has(v)).map((value) => ({ value, color: theme.colors.warning.main }));
  return [...steps, ...fromQueries];
}

export function ForecastPanel({ data, options, width, height, timeRange, timeZone, fieldConfig, id }: PanelProps<ForecastPanelOptions>) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const read = useMemo(() => readPanelSeries(data.series), [data.series]);
  const [hidden, setHidden] = useState<Set<string>>(new Set());

  const unit = fieldConfig.defaults.unit;
  const decimals = fieldConfig.defaults.decimals;
  const formatValue = useCallback((v: number) => formattedValueToString(getValueFormat(unit ?? 'short')(v, decimals ?? undefined)), [unit, decimals]);
  const formatTime = useCallback(
    (t: number, span: number) => dateTimeFormat(t, { timeZone, format: span === 0 ? 'YYYY-MM-DD HH:mm:ss' : span < 10 * 60_000 ? 'HH:mm:ss' : span < 86_400_000 ? 'HH:mm' : 'MM/DD HH:mm' }),
    [timeZone],
  );

  const colored = useMemo<DrawnSeries[]>(() => {
    const palette = theme.visualization.palette;
    return read.series.map((s, i) => ({ ...s, color: theme.visualization.getColorByName(palette[i % palette.length]) }));
  }, [read.series, theme]);
  const visible = useMemo(() => colored.filter((s) => !hidden.has(s.key)), [colored, hidden]);
  const thresholds = useMemo(() => thresholdLines(fieldConfig.defaults.thresholds, read.thresholds, theme), [fieldConfig.defaults.thresholds, read.thresholds, theme]);

  const crossings = useMemo<CrossingMarker[]>(() => {
    const out: CrossingMarker[] = [];
    for (const s of visible) {
      for (const t of thresholds) {
        // The backend's predict query knows the probability; prefer its time when it reports one.
        const reported = read.crossings.find((c) => c.series === s.name && c.threshold === t.value);
        const line = reported ?? (s.predicted ? firstCrossing(s.time, s.predicted, t.value) : undefined);
        if (line) {
          const p = reported?.probability;
          const label = `${s.name} crosses ${formatValue(t.value)} at ${formatTime(line.time, 1)}${p !== undefined ? ` (p=${p.toFixed(2)})` : ''}`;
          out.push({ seriesKey: s.key, time: line.time, threshold: t.value, color: s.color, label });
        }
      }
    }
    return out;
  }, [visible, thresholds, read.crossings, formatValue, formatTime]);

  const full = useMemo(() => {
    let from = timeRange.from.valueOf();
    let to = timeRange.to.valueOf();
    for (const s of read.series) {
      if (s.time.length) {
        from = Math.min(from, s.time[0]);
        to = Math.max(to, s.time[s.time.length - 1]);
      }
    }
    return { from, to };
  }, [read.series, timeRange]);

  const onLabelClick = useCallback(
    (item: VizLegendItem<string>, e: MouseEvent<HTMLButtonElement>) => {
      const key = item.data!;
      setHidden((prev) => {
        // As in Grafana's time series panel: click isolates (or shows all again), Ctrl/Cmd-click toggles one.
        if (e.ctrlKey || e.metaKey) {
          const next = new Set(prev);
          next.has(key) ? next.delete(key) : next.add(key);
          return next;
        }
        const isolated = prev.size === colored.length - 1 && !prev.has(key);
        return isolated ? new Set() : new Set(colored.filter((s) => s.key !== key).map((s) => s.key));
      });
    },
    [colored],
  );

  const errors = data.errors ?? (data.error ? [data.error] : []);
  if (read.series.length === 0) {
    if (data.state === LoadingState.Loading) {
      return <LoadingPlaceholder text="Loading forecast…" className={styles.state} />;
    }
    if (errors.length > 0) {
      return (
        <div className={styles.state} role="alert" data-testid="forecast-error">
          {errors.map((e, i) => (
            <div key={i}>{e.message ?? 'The query failed'}</div>
          ))}
        </div>
      );
    }
    return <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} needsTimeField needsNumberField message="No data: the queries returned no time series" />;
  }

  const legendItems: Array<VizLegendItem<string>> = colored.map((s) => ({
    label: s.name,
    color: s.color,
    yAxis: 1,
    disabled: hidden.has(s.key),
    data: s.key,
    getItemKey: () => s.key,
  }));
  const legend = options.legend.show ? (
    <VizLayout.Legend placement={options.legend.placement} maxHeight="35%" maxWidth="60%">
      <VizLegend<string> items={legendItems} displayMode={LegendDisplayMode.List} placement={options.legend.placement} onLabelClick={onLabelClick} />
    </VizLayout.Legend>
  ) : null;

  return (
    <VizLayout width={width} height={height} legend={legend}>
      {(vizWidth, vizHeight) => (
        <ForecastGraph
          series={visible}
          thresholds={thresholds}
          crossings={crossings}
          options={options}
          full={full}
          width={vizWidth}
          height={vizHeight}
          formatValue={formatValue}
          formatTime={formatTime}
        />
      )}
    </VizLayout>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  state: css({ display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', height: '100%', color: theme.colors.text.secondary, textAlign: 'center', padding: theme.spacing(2) }),
});
