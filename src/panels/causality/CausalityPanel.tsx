import { useMemo } from 'react';
import type { PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { useTheme2 } from '@grafana/ui';
import { layout, readGraph, type GraphNode } from './graph';

export function CausalityPanel({ data, width, height, fieldConfig, id }: PanelProps) {
  const theme = useTheme2();
  const graph = useMemo(() => {
    const g = readGraph(data.series);
    layout(g.nodes, g.edges, width, height);
    return g;
  }, [data.series, width, height]);

  if (graph.nodes.length === 0) {
    return <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} message="No graph: the query returned no node frame (fields id, title)" />;
  }
  return (
    <svg width={width} height={height} role="img" aria-label="Causality graph">
      {graph.edges.map((e) => {
        const s = e.source as GraphNode;
        const t = e.target as GraphNode;
        return <line key={e.id} x1={s.x} y1={s.y} x2={t.x} y2={t.y} stroke={theme.colors.border.strong} />;
      })}
      {graph.nodes.map((n) => (
        <g key={n.id} transform={`translate(${n.x},${n.y})`}>
          <circle r={12} fill={theme.colors.primary.main} />
          <text y={26} textAnchor="middle" fontSize={11} fill={theme.colors.text.primary}>
            {n.title}
          </text>
        </g>
      ))}
    </svg>
  );
}
