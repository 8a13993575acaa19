export type LegendPlacement = 'bottom' | 'right';
export type TooltipMode = 'all' | 'single' | 'none';

export interface ForecastPanelOptions {
  /** Draw the observed values. */
  showActual: boolean;
  /** Draw the predicted values (dashed). */
  showForecast: boolean;
  /** Fill the confidence bands (every lower/upper pair the frames carry). */
  showBands: boolean;
  /** Mark points whose anomaly score reaches `anomalyThreshold`. */
  showAnomalies: boolean;
  /** Score from which a point is drawn as an anomaly; the datasource's default threshold is 0.5. */
  anomalyThreshold: number;
  /** Draw the thresholds of the field config (and those a predict query reports). */
  showThresholds: boolean;
  /** Mark where each forecast is predicted to cross a threshold. */
  showCrossings: boolean;
  legend: { show: boolean; placement: LegendPlacement };
  tooltip: { mode: TooltipMode };
}

export const DEFAULT_OPTIONS: ForecastPanelOptions = {
  showActual: true,
  showForecast: true,
  showBands: true,
  showAnomalies: true,
  anomalyThreshold: 0.5,
  showThresholds: true,
  showCrossings: true,
  legend: { show: true, placement: 'bottom' },
  tooltip: { mode: 'all' },
};
