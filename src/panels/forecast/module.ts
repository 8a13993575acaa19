import { FieldConfigProperty, PanelPlugin, ThresholdsMode } from '@grafana/data';
import { ForecastPanel } from './ForecastPanel';
import { fromTimeSeriesOptions, migrateOptions } from './migrations';
import { DEFAULT_OPTIONS, type ForecastPanelOptions } from './types';

export const plugin = new PanelPlugin<ForecastPanelOptions>(ForecastPanel)
  .useFieldConfig({
    standardOptions: {
      // No threshold line until the user sets one (the usual default of 80 would draw on every panel).
      [FieldConfigProperty.Thresholds]: { defaultValue: { mode: ThresholdsMode.Absolute, steps: [{ value: -Infinity, color: 'green' }] } },
    },
  })
  .setMigrationHandler((panel) => migrateOptions(panel.options))
  .setPanelChangeHandler((panel, pluginId, previous) => (pluginId === 'timeseries' ? fromTimeSeriesOptions(previous) : migrateOptions(panel.options)))
  .setPanelOptions((builder) =>
    builder
      .addBooleanSwitch({ path: 'showActual', name: 'Observed values', category: ['Series'], defaultValue: DEFAULT_OPTIONS.showActual })
      .addBooleanSwitch({ path: 'showForecast', name: 'Forecast', description: 'The predicted values, dashed', category: ['Series'], defaultValue: DEFAULT_OPTIONS.showForecast })
      .addBooleanSwitch({ path: 'showBands', name: 'Confidence bands', description: 'Every lower and upper bound the queries return', category: ['Series'], defaultValue: DEFAULT_OPTIONS.showBands })
      .addBooleanSwitch({ path: 'showAnomalies', name: 'Anomaly markers', category: ['Anomalies'], defaultValue: DEFAULT_OPTIONS.showAnomalies })
      .addSliderInput({
        path: 'anomalyThreshold',
        name: 'Anomaly score threshold',
        description: 'Points scoring at least this are marked',
        category: ['Anomalies'],
        defaultValue: DEFAULT_OPTIONS.anomalyThreshold,
        settings: { min: 0.05, max: 1, step: 0.05 },
        showIf: (o) => o.showAnomalies,
      })
      .addBooleanSwitch({ path: 'showThresholds', name: 'Threshold lines', description: 'From the Thresholds field option and predict queries', category: ['Thresholds'], defaultValue: DEFAULT_OPTIONS.showThresholds })
      .addBooleanSwitch({ path: 'showCrossings', name: 'Predicted crossings', description: 'When each forecast reaches a threshold', category: ['Thresholds'], defaultValue: DEFAULT_OPTIONS.showCrossings })
      .addBooleanSwitch({ path: 'legend.show', name: 'Visibility', category: ['Legend'], defaultValue: DEFAULT_OPTIONS.legend.show })
      .addRadio({
        path: 'legend.placement',
        name: 'Placement',
        category: ['Legend'],
        defaultValue: DEFAULT_OPTIONS.legend.placement,
        settings: { options: [{ value: 'bottom', label: 'Bottom' }, { value: 'right', label: 'Right' }] },
        showIf: (o) => o.legend.show,
      })
      .addRadio({
        path: 'tooltip.mode',
        name: 'Tooltip mode',
        category: ['Tooltip'],
        defaultValue: DEFAULT_OPTIONS.tooltip.mode,
        settings: { options: [{ value: 'all', label: 'All' }, { value: 'single', label: 'Single' }, { value: 'none', label: 'Hidden' }] },
      }),
  );
