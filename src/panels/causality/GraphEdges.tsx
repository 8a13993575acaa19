// The directed links: thicker for stronger, labelled with strength and lag, arrow at the effect.

import { memo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import type { GraphEdge } from './graph';
import type { Positioned } from './layout';
import { NODE_RADIUS, ROOT_RING_GAP } from './shapes';

interface Props {
  edges: GraphEdge[];
  positions: Map<string, Positioned>;
  focus?: string;
  showLabels: boolean;
  markerId: string;
  strongMarkerId: string;
  /** The root cause wears a ring: its edges stop outside it. */
  rootId?: string;
}

export function edgeLabel(e: GraphEdge): string {
  return [e.mainStat, e.secondaryStat && `lag ${e.secondaryStat}`].filter(Boolean).join(' · ');
}

export const GraphEdges = memo(function GraphEdges({ edges, positions, focus, showLabels, markerId, strongMarkerId, rootId }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  return (
    <g>
      {edges.map((e) => {
        const s = positions.get(e.source)!;
        const t = positions.get(e.target)!;
        const dx = t.x - s.x;
        const dy = t.y - s.y;
        const len = Math.hypot(dx, dy) || 1;
        // Stop at the node's edge so the arrow head shows.
        const gap = (id: string) => NODE_RADIUS + 3 + (id === rootId ? ROOT_RING_GAP : 0);
        const x1 = s.x + (dx / len) * gap(e.source);
        const y1 = s.y + (dy / len) * gap(e.source);
        const x2 = t.x - (dx / len) * gap(e.target);
        const y2 = t.y - (dy / len) * gap(e.target);
        const touches = focus !== undefined && (e.source === focus || e.target === focus);
        const dim = focus !== undefined && !touches;
        const strength = Math.min(1, Math.max(0, e.strength ?? 0.5));
        const label = showLabels || touches ? edgeLabel(e) : '';
        return (
          <g key={e.id} data-testid="causality-edge" data-source={e.source} data-target={e.target} opacity={dim ? 0.2 : 1}>
            <line
              x1={x1}
              y1={y1}
              x2={x2}
              y2={y2}
              stroke={touches ? theme.colors.primary.text : theme.colors.text.secondary}
              strokeOpacity={touches ? 1 : 0.6}
              strokeWidth={1 + 3 * strength}
              markerEnd={`url(#${touches ? strongMarkerId : markerId})`}
            >
              <title>{`${e.source} → ${e.target}${label ? `: ${label}` : ''}`}</title>
            </line>
            {label && (
              <text x={(x1 + x2) / 2} y={(y1 + y2) / 2 - 4} textAnchor="middle" className={styles.label}>
                {label}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  label: css({ fontSize: 10, fill: theme.colors.text.secondary, paintOrder: 'stroke', stroke: theme.colors.background.primary, strokeWidth: 3, pointerEvents: 'none' }),
});
