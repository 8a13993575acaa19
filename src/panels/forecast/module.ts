import { PanelPlugin } from '@grafana/data';
import { ForecastPanel } from './ForecastPanel';
import { DEFAULT_OPTIONS, type ForecastPanelOptions } from './types';

export const plugin = new PanelPlugin<ForecastPanelOptions>(ForecastPanel).setPanelOptions((builder) =>
  builder
    .addBooleanSwitch({ path: 'showBand', name: 'Confidence band', defaultValue: DEFAULT_OPTIONS.showBand })
    .addBooleanSwitch({ path: 'showActual', name: 'Actual values', defaultValue: DEFAULT_OPTIONS.showActual }),
);
