// One shape per node kind, so kind reads without colour; the colour repeats it.

import * as d3 from 'd3';
import type { GrafanaTheme2 } from '@grafana/data';
import type { NodeKind } from './fields';

export const NODE_RADIUS = 16;
/** How far the root cause's ring sits outside the node. */
export const ROOT_RING_GAP = 11;

const SYMBOLS: Record<NodeKind, d3.SymbolType> = {
  service: d3.symbolCircle,
  metric: d3.symbolSquare,
  'log pattern': d3.symbolDiamond,
  span: d3.symbolTriangle,
  other: d3.symbolCircle,
};

const COLORS: Record<NodeKind, string> = { service: 'blue', metric: 'green', 'log pattern': 'orange', span: 'purple', other: 'text' };

const paths = new Map<NodeKind, string>();

/** Symbol path of the kind, sized to about the area of a circle of NODE_RADIUS. */
export function kindPath(kind: NodeKind): string {
  let p = paths.get(kind);
  if (!p) {
    p = d3.symbol().type(SYMBOLS[kind]).size(Math.PI * NODE_RADIUS * NODE_RADIUS)() ?? '';
    paths.set(kind, p);
  }
  return p;
}

export function kindColor(kind: NodeKind, theme: GrafanaTheme2): string {
  return kind === 'other' ? theme.colors.text.secondary : theme.visualization.getColorByName(COLORS[kind]);
}
