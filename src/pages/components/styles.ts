import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';

/** Tables and sections as the pages share them. */
export const getPageStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(4) }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': { textAlign: 'left', padding: theme.spacing(0.75, 1), borderBottom: `1px solid ${theme.colors.border.weak}`, verticalAlign: 'top' },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
    caption: { captionSide: 'top', textAlign: 'left', color: theme.colors.text.secondary, paddingBottom: theme.spacing(1) },
  }),
  muted: css({ color: theme.colors.text.secondary }),
  toolbar: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'center', marginBottom: theme.spacing(2) }),
});
