import { PanelPlugin } from '@grafana/data';
import { CausalityPanel } from './CausalityPanel';

export const plugin = new PanelPlugin(CausalityPanel);
