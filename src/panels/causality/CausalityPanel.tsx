import { useEffect, useMemo, useRef, useState } from 'react';
import * as d3 from 'd3';
import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { Button, useStyles2, useTheme2 } from '@grafana/ui';
import { GraphEdges } from './GraphEdges';
import { GraphNodes } from './GraphNodes';
import { KindLegend } from './KindLegend';
import { NODE_KINDS, type NodeKind } from './fields';
import { NodeDetails } from './NodeDetails';
import { readGraph } from './graph';
import { layoutGraph } from './layout';
import { evidenceLinks } from './links';
import type { CausalityPanelOptions } from './types';

const PADDING = 60;
const MAX_FIT_SCALE = 1.5;

export function CausalityPanel({ data, options, width, height, fieldConfig, id, timeRange }: PanelProps<CausalityPanelOptions>) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const zoomRef = useRef<d3.ZoomBehavior<SVGSVGElement, unknown>>(undefined);
  const transform = useRef(d3.zoomIdentity);
  const [hovered, setHovered] = useState<string>();
  const [selected, setSelected] = useState<string>();
  const [, setMoved] = useState(0);

  const graph = useMemo(() => readGraph(data.series), [data.series]);
  const edges = useMemo(() => graph.edges.filter((e) => options.minStrength <= 0 || (e.strength ?? 1) >= options.minStrength), [graph.edges, options.minStrength]);
  const layout = useMemo(() => layoutGraph(graph.nodes, edges), [graph.nodes, edges]);
  const kinds = useMemo(() => {
    const present = new Set(graph.nodes.map((n) => n.kind));
    return [...NODE_KINDS, 'other' as const].filter((k): k is NodeKind => present.has(k));
  }, [graph.nodes]);

  const fit = useMemo(() => {
    const { x0, y0, x1, y1 } = layout.bounds;
    const k = Math.min(MAX_FIT_SCALE, width / (x1 - x0 + 2 * PADDING), height / (y1 - y0 + 2 * PADDING));
    return d3.zoomIdentity.translate(width / 2 - (k * (x0 + x1)) / 2, height / 2 - (k * (y0 + y1)) / 2).scale(k);
  }, [layout, width, height]);

  // Zoom and pan move one transform on the DOM directly: no React render per frame.
  useEffect(() => {
    const svg = d3.select(svgRef.current!);
    const zoom = d3
      .zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.05, 8])
      .on('zoom', (e: d3.D3ZoomEvent<SVGSVGElement, unknown>) => {
        transform.current = e.transform;
        viewportRef.current?.setAttribute('transform', e.transform.toString());
        svgRef.current?.setAttribute('data-zoom', e.transform.k.toFixed(3));
      })
      .on('end', () => setMoved((n) => n + 1));
    zoomRef.current = zoom;
    svg.call(zoom).on('dblclick.zoom', null);
    svg.call(zoom.transform, fit);
    return () => void svg.on('.zoom', null);
  }, [fit]);

  const zoomBy = (factor: number) => zoomRef.current && d3.select(svgRef.current!).transition().duration(150).call(zoomRef.current.scaleBy, factor);
  const resetZoom = () => zoomRef.current && d3.select(svgRef.current!).transition().duration(150).call(zoomRef.current.transform, fit);

  if (graph.nodes.length === 0) {
    return (
      <PanelDataErrorView
        panelId={id}
        fieldConfig={fieldConfig}
        data={data}
        message="No graph: the query returned no node frame (fields id, title; edges: id, source, target)"
      />
    );
  }

  const focusId = selected ?? hovered;
  const focusNode = focusId ? graph.nodes.find((n) => n.id === focusId) : undefined;
  const focusPos = focusNode ? layout.positions.get(focusNode.id) : undefined;
  const at = focusPos ? transform.current.apply([focusPos.x, focusPos.y]) : undefined;
  const range = { from: timeRange.from.valueOf(), to: timeRange.to.valueOf() };

  return (
    <div className={styles.container} style={{ width, height }} onKeyDown={(e) => e.key === 'Escape' && (setSelected(undefined), setHovered(undefined))}>
      <svg
        ref={svgRef}
        width={width}
        height={height}
        className={styles.svg}
        role="group"
        aria-label={`Causality graph: ${graph.nodes.length} nodes, ${edges.length} links${graph.rootCause ? `, likely root cause ${graph.rootCause.title}` : ''}`}
        data-testid="causality-graph"
        onClick={(e) => e.target === svgRef.current && setSelected(undefined)}
      >
        <defs>
          <marker id={`arrow-${id}`} viewBox="0 -5 10 10" refX={10} refY={0} markerWidth={9} markerHeight={9} markerUnits="userSpaceOnUse" orient="auto">
            <path d="M0,-5L10,0L0,5" fill={theme.colors.text.secondary} />
          </marker>
          <marker id={`arrow-strong-${id}`} viewBox="0 -5 10 10" refX={10} refY={0} markerWidth={9} markerHeight={9} markerUnits="userSpaceOnUse" orient="auto">
            <path d="M0,-5L10,0L0,5" fill={theme.colors.primary.text} />
          </marker>
        </defs>
        <g ref={viewportRef} transform={transform.current.toString()}>
          <GraphEdges edges={edges} positions={layout.positions} focus={focusId} showLabels={options.showEdgeLabels && edges.length <= 120} markerId={`arrow-${id}`} strongMarkerId={`arrow-strong-${id}`} rootId={graph.rootCause?.id} />
          <GraphNodes
            nodes={graph.nodes}
            positions={layout.positions}
            rootCause={graph.rootCause}
            focus={focusId}
            selected={selected}
            onHover={setHovered}
            onSelect={(nid) => setSelected((s) => (s === nid ? undefined : nid))}
          />
        </g>
      </svg>
      <div className={styles.controls}>
        <Button size="sm" variant="secondary" fill="outline" onClick={() => zoomBy(1.4)} aria-label="Zoom in">
          +
        </Button>
        <Button size="sm" variant="secondary" fill="outline" onClick={() => zoomBy(1 / 1.4)} aria-label="Zoom out">
          −
        </Button>
        <Button size="sm" variant="secondary" fill="outline" onClick={resetZoom} aria-label="Fit the graph">
          Fit
        </Button>
      </div>
      {graph.rootCause && (
        <div className={styles.summary} data-testid="root-cause-summary">
          Likely root cause: <strong>{graph.rootCause.title}</strong>
          {graph.rootCause.rootCauseScore !== undefined && <> (score {graph.rootCause.rootCauseScore.toFixed(2)})</>}
        </div>
      )}
      <KindLegend kinds={kinds} />
      {focusNode && at && (
        <NodeDetails
          node={focusNode}
          isRootCause={focusNode === graph.rootCause}
          edges={edges}
          nodes={graph.nodes}
          links={evidenceLinks(focusNode, graph.incident, options.evidence, range)}
          pinned={selected === focusNode.id}
          x={at[0]}
          y={at[1]}
          width={width}
          height={height}
          onClose={() => setSelected(undefined)}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({ position: 'relative', overflow: 'hidden' }),
  svg: css({ display: 'block', cursor: 'grab', touchAction: 'none', '&:active': { cursor: 'grabbing' } }),
  controls: css({ position: 'absolute', top: theme.spacing(1), right: theme.spacing(1), display: 'flex', gap: theme.spacing(0.5) }),
  summary: css({
    position: 'absolute',
    left: theme.spacing(1),
    top: theme.spacing(1),
    padding: theme.spacing(0.5, 1),
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
