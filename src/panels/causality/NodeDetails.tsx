// The card beside a hovered, focused or clicked node: what it is, its stats and details, its
// causes and effects with strength and lag, and the links to its evidence.

import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { IconButton, useStyles2 } from '@grafana/ui';
import { edgeLabel } from './GraphEdges';
import type { GraphEdge, GraphNode } from './graph';
import type { EvidenceLink } from './links';

interface Props {
  node: GraphNode;
  isRootCause: boolean;
  nodes: GraphNode[];
  edges: GraphEdge[];
  links: EvidenceLink[];
  pinned: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
  onClose: () => void;
}

const CARD_WIDTH = 260;

export function NodeDetails({ node, isRootCause, nodes, edges, links, pinned, x, y, width, height, onClose }: Props) {
  const styles = useStyles2(getStyles);
  const title = (id: string) => nodes.find((n) => n.id === id)?.title ?? id;
  const causes = edges.filter((e) => e.target === node.id);
  const effects = edges.filter((e) => e.source === node.id);
  const left = x + 28 + CARD_WIDTH > width ? Math.max(4, x - 28 - CARD_WIDTH) : x + 28;
  const top = Math.min(Math.max(4, y - 20), Math.max(4, height - 220));
  return (
    <div className={styles.card} style={{ left, top }} role={pinned ? 'dialog' : 'tooltip'} aria-label={`Details of ${node.title}`} data-testid="node-details">
      <div className={styles.header}>
        <strong>{node.title}</strong>
        {pinned && <IconButton name="times" size="sm" aria-label="Close details" onClick={onClose} />}
      </div>
      <div className={styles.muted}>
        {node.kind}
        {node.subTitle ? ` · ${node.subTitle}` : ''}
      </div>
      {isRootCause && (
        <div className={styles.root} data-testid="node-root-cause">
          Likely root cause{node.rootCauseScore !== undefined ? `, score ${node.rootCauseScore.toFixed(2)}` : ''}
        </div>
      )}
      {[node.mainStat, node.secondaryStat].filter(Boolean).map((s) => (
        <div key={s}>{s}</div>
      ))}
      {node.details.map((d) => (
        <div key={d.name} className={styles.detail}>
          <span className={styles.muted}>{d.name}</span> {d.value}
        </div>
      ))}
      {causes.length > 0 && <div className={styles.section}>Caused by</div>}
      {causes.slice(0, 5).map((e) => (
        <div key={e.id} className={styles.detail}>
          ← {title(e.source)} <span className={styles.muted}>{edgeLabel(e)}</span>
        </div>
      ))}
      {effects.length > 0 && <div className={styles.section}>Affects</div>}
      {effects.slice(0, 5).map((e) => (
        <div key={e.id} className={styles.detail}>
          → {title(e.target)} <span className={styles.muted}>{edgeLabel(e)}</span>
        </div>
      ))}
      {links.length > 0 ? (
        <div className={styles.links}>
          {links.map((l) => (
            <a key={l.href} href={l.href} target={l.target} className={styles.link} data-testid="evidence-link">
              {l.title}
            </a>
          ))}
        </div>
      ) : (
        pinned && <div className={styles.muted}>No evidence link: the node has no query, data link or incident.</div>
      )}
      {!pinned && <div className={styles.hint}>Click or press Enter for the evidence</div>}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    position: 'absolute',
    boxSizing: 'border-box',
    width: CARD_WIDTH,
    padding: theme.spacing(1),
    background: theme.colors.background.elevated,
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z3,
    fontSize: theme.typography.bodySmall.fontSize,
    zIndex: 2,
  }),
  header: css({ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: theme.spacing(1) }),
  muted: css({ color: theme.colors.text.secondary }),
  root: css({ color: theme.colors.error.text, fontWeight: theme.typography.fontWeightMedium, margin: theme.spacing(0.5, 0) }),
  detail: css({ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
  section: css({ marginTop: theme.spacing(0.75), color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium }),
  links: css({ display: 'flex', gap: theme.spacing(1), marginTop: theme.spacing(1) }),
  link: css({ color: theme.colors.text.link, textDecoration: 'underline' }),
  hint: css({ marginTop: theme.spacing(0.75), color: theme.colors.text.disabled }),
});
