// The key to the node shapes, for the kinds the graph has: kind reads from the shape and this
// label, not from colour alone.

import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import type { NodeKind } from './fields';
import { NODE_RADIUS, kindColor, kindPath } from './shapes';

export function KindLegend({ kinds }: { kinds: NodeKind[] }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  if (kinds.length === 0) return null;
  const scale = 6 / NODE_RADIUS;
  return (
    <ul className={styles.legend} aria-label="Node kinds" data-testid="kind-legend">
      {kinds.map((k) => (
        <li key={k} className={styles.item}>
          <svg width={14} height={14} viewBox="-7 -7 14 14" aria-hidden>
            <path d={kindPath(k)} transform={`scale(${scale})`} fill={kindColor(k, theme)} />
          </svg>
          {k === 'other' ? 'other' : k}
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  legend: css({
    position: 'absolute',
    left: theme.spacing(1),
    bottom: theme.spacing(1),
    display: 'flex',
    gap: theme.spacing(1.5),
    margin: 0,
    padding: theme.spacing(0.25, 1),
    listStyle: 'none',
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    background: theme.colors.background.primary,
    borderRadius: theme.shape.radius.default,
  }),
  item: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) }),
});
