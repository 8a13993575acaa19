// The cursor tooltip: per series the value (observed or predicted), each band's interval, the
// expected value and anomaly score where the frames carry them. Also a live region, so a screen
// reader hears what the keyboard cursor points at.

import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

export interface TooltipRow {
  key: string;
  name: string;
  color: string;
  time: number;
  value: string;
  rawValue: number;
  kind: 'observed' | 'predicted';
  intervals: Array<{ label: string; text: string }>;
  expected?: string;
  score?: number;
  anomalous: boolean;
  model?: string;
}

const TOOLTIP_WIDTH = 280;

export function ForecastTooltip({ rows, left, width, title }: { rows: TooltipRow[]; left: number; width: number; title: string }) {
  const styles = useStyles2(getStyles);
  const flip = left + TOOLTIP_WIDTH + 24 > width;
  return (
    <div className={styles.tooltip} style={flip ? { right: width - left + 12 } : { left: left + 12 }} role="status" aria-live="polite" data-testid="forecast-tooltip">
      <div className={styles.title}>{title}</div>
      {rows.map((r) => (
        <div key={r.key} className={styles.row} data-testid="forecast-tooltip-row">
          <div className={styles.head}>
            <span className={styles.swatch} style={{ background: r.color }} aria-hidden />
            <span className={styles.name}>{r.name}</span>
            <span className={styles.value}>
              {r.value} <span className={styles.kind}>{r.kind}</span>
            </span>
          </div>
          {r.intervals.map((i) => (
            <div key={i.label} className={styles.detail}>
              {i.label}: {i.text}
            </div>
          ))}
          {r.expected !== undefined && <div className={styles.detail}>expected: {r.expected}</div>}
          {r.score !== undefined && (
            <div className={r.anomalous ? styles.anomalous : styles.detail}>
              anomaly score: {r.score.toFixed(2)}
              {r.anomalous ? ' (anomalous)' : ''}
            </div>
          )}
          {r.model && <div className={styles.detail}>model: {r.model}</div>}
        </div>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  tooltip: css({
    position: 'absolute',
    boxSizing: 'border-box',
    top: 8,
    width: TOOLTIP_WIDTH,
    maxHeight: '80%',
    overflow: 'hidden',
    pointerEvents: 'none',
    padding: theme.spacing(1),
    background: theme.colors.background.elevated,
    color: theme.colors.text.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z2,
    fontSize: theme.typography.bodySmall.fontSize,
    zIndex: 1,
  }),
  title: css({ color: theme.colors.text.secondary, marginBottom: theme.spacing(0.5) }),
  row: css({ marginTop: theme.spacing(0.5) }),
  head: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.75) }),
  swatch: css({ width: 10, height: 3, flex: 'none' }),
  name: css({ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
  value: css({ fontWeight: theme.typography.fontWeightMedium }),
  kind: css({ color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightRegular }),
  detail: css({ color: theme.colors.text.secondary, paddingLeft: theme.spacing(2) }),
  anomalous: css({ color: theme.colors.error.text, paddingLeft: theme.spacing(2), fontWeight: theme.typography.fontWeightMedium }),
});
