// The nodes: a shape per kind, Node Graph's arc sections around it, and the likely root cause
// ringed and labelled with its score. Each node is a focusable button: Tab reaches it, Enter opens
// its details, as a click does.

import { memo } from 'react';
import * as d3 from 'd3';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import type { GraphNode } from './graph';
import type { Positioned } from './layout';
import { NODE_RADIUS, ROOT_RING_GAP, kindColor, kindPath } from './shapes';

interface Props {
  nodes: GraphNode[];
  positions: Map<string, Positioned>;
  rootCause?: GraphNode;
  focus?: string;
  selected?: string;
  onHover: (id: string | undefined) => void;
  onSelect: (id: string) => void;
}

const arc = d3.arc<{ startAngle: number; endAngle: number }>().innerRadius(NODE_RADIUS + 2).outerRadius(NODE_RADIUS + 6);

function arcPaths(n: GraphNode): Array<{ d: string; color: string }> {
  let start = 0;
  return n.arcs.map((a) => {
    const end = start + a.value * 2 * Math.PI;
    const d = arc({ startAngle: start, endAngle: end }) ?? '';
    start = end;
    return { d, color: a.color };
  });
}

export function nodeLabel(n: GraphNode, isRootCause: boolean): string {
  const parts = [`${n.kind === 'other' ? 'node' : n.kind} ${n.title}`];
  if (n.subTitle) parts.push(n.subTitle);
  if (n.mainStat) parts.push(n.mainStat);
  if (isRootCause) parts.push(`likely root cause${n.rootCauseScore !== undefined ? `, score ${n.rootCauseScore.toFixed(2)}` : ''}`);
  return parts.join(', ');
}

export const GraphNodes = memo(function GraphNodes({ nodes, positions, rootCause, focus, selected, onHover, onSelect }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  return (
    <g>
      {nodes.map((n) => {
        const p = positions.get(n.id)!;
        const isRoot = n === rootCause;
        const color = n.color ?? kindColor(n.kind, theme);
        return (
          <g
            key={n.id}
            transform={`translate(${p.x},${p.y})`}
            className={cx(styles.node, focus === n.id && styles.focused)}
            tabIndex={0}
            role="button"
            aria-label={nodeLabel(n, isRoot)}
            aria-pressed={selected === n.id}
            data-testid="causality-node"
            data-id={n.id}
            data-kind={n.kind}
            data-root-cause={isRoot ? 'true' : undefined}
            onMouseEnter={() => onHover(n.id)}
            onMouseLeave={() => onHover(undefined)}
            onFocus={() => onHover(n.id)}
            onBlur={() => onHover(undefined)}
            onClick={(e) => (e.stopPropagation(), onSelect(n.id))}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onSelect(n.id))}
          >
            {isRoot && <circle r={NODE_RADIUS + ROOT_RING_GAP} fill="none" stroke={theme.colors.error.main} strokeWidth={3} strokeDasharray="5 3" />}
            {arcPaths(n).map((a, i) => (
              <path key={i} d={a.d} fill={a.color} />
            ))}
            <path d={kindPath(n.kind)} fill={color} fillOpacity={0.85} stroke={theme.colors.background.primary} strokeWidth={2} />
            {n.badge && (
              <text dy="0.35em" textAnchor="middle" className={styles.stat}>
                {n.badge}
              </text>
            )}
            <text y={NODE_RADIUS + (isRoot ? 24 : 16)} textAnchor="middle" className={styles.title}>
              {n.title}
            </text>
            {isRoot && (
              <text y={NODE_RADIUS + 37} textAnchor="middle" className={styles.root}>
                root cause{n.rootCauseScore !== undefined ? ` ${n.rootCauseScore.toFixed(2)}` : ''}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  node: css({ cursor: 'pointer', outline: 'none', '&:focus-visible > path:last-of-type': { stroke: theme.colors.primary.border, strokeWidth: 4 } }),
  focused: css({ '& > path:last-of-type': { stroke: theme.colors.text.primary } }),
  stat: css({ fontSize: 10, fill: theme.colors.background.primary, fontWeight: theme.typography.fontWeightBold, pointerEvents: 'none' }),
  title: css({ fontSize: 11, fill: theme.colors.text.primary, paintOrder: 'stroke', stroke: theme.colors.background.primary, strokeWidth: 3, pointerEvents: 'none' }),
  root: css({ fontSize: 11, fill: theme.colors.error.text, fontWeight: theme.typography.fontWeightBold, paintOrder: 'stroke', stroke: theme.colors.background.primary, strokeWidth: 3, pointerEvents: 'none' }),
});
