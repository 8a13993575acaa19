// Reads node and edge frames shaped as Grafana's Node Graph expects (nodes: id, title, mainstat…;
// edges: id, source, target, mainstat…) and lays them out with d3-force.

import * as d3 from 'd3';
import type { DataFrame } from '@grafana/data';

export interface GraphNode extends d3.SimulationNodeDatum {
  id: string;
  title: string;
}

export interface GraphEdge extends d3.SimulationLinkDatum<GraphNode> {
  id: string;
  source: string | GraphNode;
  target: string | GraphNode;
}

function column(frame: DataFrame, name: string): unknown[] | undefined {
  return frame.fields.find((f) => f.name === name)?.values as unknown[] | undefined;
}

export function readGraph(frames: DataFrame[]): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const frame of frames) {
    const ids = column(frame, 'id');
    const source = column(frame, 'source');
    const target = column(frame, 'target');
    if (ids && source && target) {
      ids.forEach((id, i) => edges.push({ id: String(id), source: String(source[i]), target: String(target[i]) }));
    } else if (ids) {
      const titles = column(frame, 'title');
      ids.forEach((id, i) => nodes.push({ id: String(id), title: String(titles?.[i] ?? id) }));
    }
  }
  const known = new Set(nodes.map((n) => n.id));
  return { nodes, edges: edges.filter((e) => known.has(e.source as string) && known.has(e.target as string)) };
}

/** Runs the force simulation to rest synchronously, so the drawing is stable for the same input. */
export function layout(nodes: GraphNode[], edges: GraphEdge[], width: number, height: number): void {
  d3.forceSimulation(nodes)
    .randomSource(d3.randomLcg(42))
    .force('link', d3.forceLink<GraphNode, GraphEdge>(edges).id((n) => n.id).distance(80))
    .force('charge', d3.forceManyBody().strength(-200))
    .force('center', d3.forceCenter(width / 2, height / 2))
    .force('collide', d3.forceCollide(24))
    .stop()
    .tick(300);
}
