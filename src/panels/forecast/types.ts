export interface ForecastPanelOptions {
  /** Draw the confidence band between the lower and upper fields. */
  showBand: boolean;
  /** Draw the actual (observed) values. */
  showActual: boolean;
}

export const DEFAULT_OPTIONS: ForecastPanelOptions = {
  showBand: true,
  showActual: true,
};
