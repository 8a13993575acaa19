// Saved options of earlier panel versions, and of the stock time series panel when a user switches
// a panel to this one, turned into today's options. Pure, so it is unit-tested without Grafana.

import { DEFAULT_OPTIONS, type ForecastPanelOptions, type LegendPlacement, type TooltipMode } from './types';

type Saved = object | undefined | null;

const bool = (v: unknown, fallback: boolean) => (typeof v === 'boolean' ? v : fallback);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

function placement(v: unknown): LegendPlacement {
  return v === 'right' ? 'right' : 'bottom';
}

function tooltipMode(v: unknown): TooltipMode {
  // The time series panel says "multi" where we say "all".
  return v === 'single' ? 'single' : v === 'none' ? 'none' : 'all';
}

/**
 * Options saved by any version of this panel (0.1 had only `showBand` and `showActual`) become the
 * current shape; unknown keys are dropped, missing ones take the defaults, so a saved dashboard
 * never loses what its author chose.
 */
export function migrateOptions(saved: Saved): ForecastPanelOptions {
  const o = obj(saved);
  const legend = obj(o.legend);
  const tooltip = obj(o.tooltip);
  const threshold = Number(o.anomalyThreshold);
  return {
    showActual: bool(o.showActual, DEFAULT_OPTIONS.showActual),
    showForecast: bool(o.showForecast, DEFAULT_OPTIONS.showForecast),
    showBands: bool(o.showBands, bool(o.showBand, DEFAULT_OPTIONS.showBands)),
    showAnomalies: bool(o.showAnomalies, DEFAULT_OPTIONS.showAnomalies),
    anomalyThreshold: threshold > 0 && threshold <= 1 ? threshold : DEFAULT_OPTIONS.anomalyThreshold,
    showThresholds: bool(o.showThresholds, DEFAULT_OPTIONS.showThresholds),
    showCrossings: bool(o.showCrossings, DEFAULT_OPTIONS.showCrossings),
    legend: {
      show: bool(legend.show, bool(legend.showLegend, DEFAULT_OPTIONS.legend.show)),
      placement: legend.placement === undefined ? DEFAULT_OPTIONS.legend.placement : placement(legend.placement),
    },
    tooltip: { mode: tooltip.mode === undefined ? DEFAULT_OPTIONS.tooltip.mode : tooltipMode(tooltip.mode) },
  };
}

/** From the stock time series panel: its legend and tooltip choices carry over, the rest is ours. */
export function fromTimeSeriesOptions(previous: Saved): ForecastPanelOptions {
  const p = obj(previous);
  const legend = obj(p.legend);
  return migrateOptions({
    legend: { show: legend.showLegend ?? (legend.displayMode === 'hidden' ? false : undefined), placement: legend.placement },
    tooltip: obj(p.tooltip),
  });
}
