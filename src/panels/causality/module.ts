import { PanelPlugin } from '@grafana/data';
import { CausalityPanel } from './CausalityPanel';
import { DEFAULT_OPTIONS, type CausalityPanelOptions } from './types';

export const plugin = new PanelPlugin<CausalityPanelOptions>(CausalityPanel).setNoPadding().setPanelOptions((builder) =>
  builder
    .addRadio({
      path: 'evidence',
      name: 'Evidence opens',
      description: 'Where a node opens first when it has both a query and an incident',
      defaultValue: DEFAULT_OPTIONS.evidence,
      settings: { options: [{ value: 'explore', label: 'Explore' }, { value: 'incident', label: 'Incident page' }] },
    })
    .addBooleanSwitch({ path: 'showEdgeLabels', name: 'Edge labels', description: 'Strength and lag on each link (graphs of up to 120 links)', defaultValue: DEFAULT_OPTIONS.showEdgeLabels })
    .addSliderInput({ path: 'minStrength', name: 'Minimum strength', description: 'Hide weaker links', defaultValue: DEFAULT_OPTIONS.minStrength, settings: { min: 0, max: 1, step: 0.05 } }),
);
