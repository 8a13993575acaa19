// A stable force-directed layout: the same graph always lands in the same place (positions start
// from a hash of each node id and the simulation runs to rest with a seeded random source), and
// each cluster of densely linked nodes is pulled towards its own anchor so groups stay apart.
// Coordinates are independent of the panel size; the panel fits them into view, so resizing never
// moves a node relative to the others.

import * as d3 from 'd3';
import type { GraphEdge, GraphNode } from './graph';

export interface Positioned {
  x: number;
  y: number;
}

export interface Layout {
  positions: Map<string, Positioned>;
  bounds: { x0: number; y0: number; x1: number; y1: number };
}

interface SimNode extends d3.SimulationNodeDatum {
  id: string;
  cluster: number;
}

/** FNV-1a: a cheap, stable number per id. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Clusters by label propagation (each node takes the label most of its neighbours carry, visited in
 * id order, ties to the smallest label), so densely linked groups stay together even when a few
 * links join them into one component. Largest first; sets `node.cluster`. Written here: d3 has no
 * community detection, and this is a dozen lines.
 */
export function clusters(nodes: GraphNode[], edges: GraphEdge[]): number {
  const neighbours = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    neighbours.get(e.source)!.push(e.target);
    neighbours.get(e.target)!.push(e.source);
  }
  const ids = nodes.map((n) => n.id).sort();
  const label = new Map(ids.map((id, i) => [id, i]));
  for (let round = 0; round < 20; round++) {
    let changed = false;
    for (const id of ids) {
      const counts = new Map<number, number>();
      for (const m of neighbours.get(id)!) counts.set(label.get(m)!, (counts.get(label.get(m)!) ?? 0) + 1);
      let best = label.get(id)!;
      let bestCount = counts.get(best) ?? 0;
      for (const [l, c] of counts) {
        if (c > bestCount || (c === bestCount && l < best)) {
          best = l;
          bestCount = c;
        }
      }
      if (best !== label.get(id)) {
        label.set(id, best);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const sizes = d3.rollup(ids, (v) => v.length, (id) => label.get(id)!);
  const order = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([l]) => l);
  const index = new Map(order.map((l, i) => [l, i]));
  for (const n of nodes) n.cluster = index.get(label.get(n.id)!);
  return order.length;
}

export function layoutGraph(nodes: GraphNode[], edges: GraphEdge[]): Layout {
  const count = clusters(nodes, edges);
  const clusterSizes = d3.rollup(nodes, (v) => v.length, (n) => n.cluster!);
  // Cluster anchors packed as circles sized to each cluster, largest first: compact, no overlap.
  const circles = Array.from({ length: count }, (_, c) => ({ r: Math.sqrt(clusterSizes.get(c) ?? 1) * 48, x: 0, y: 0 }));
  d3.packSiblings(circles);
  const anchors: Positioned[] = circles.map((c) => ({ x: c.x, y: c.y }));
  const sim: SimNode[] = nodes.map((n) => {
    const h = hash(n.id);
    const a = anchors[n.cluster!];
    return { id: n.id, cluster: n.cluster!, x: a.x + ((h & 0xffff) / 0xffff - 0.5) * 100, y: a.y + ((h >>> 16) / 0xffff - 0.5) * 100 };
  });
  const links = edges.map((e) => ({ source: e.source, target: e.target, strength: e.strength }));
  const simulation = d3
    .forceSimulation(sim)
    .randomSource(d3.randomLcg(0.42))
    .force(
      'link',
      d3
        .forceLink<SimNode, (typeof links)[number] & d3.SimulationLinkDatum<SimNode>>(links)
        .id((n) => n.id)
        .distance(110),
    )
    .force('charge', d3.forceManyBody<SimNode>().strength(-260).distanceMax(600))
    .force('collide', d3.forceCollide<SimNode>(42))
    .force('x', d3.forceX<SimNode>((n) => anchors[n.cluster].x).strength(0.12))
    .force('y', d3.forceY<SimNode>((n) => anchors[n.cluster].y).strength(0.12))
    // 120 ticks to rest instead of d3's 300: the hash-seeded start near each cluster's anchor is
    // already close, and the first render of a 300-node graph stays well under half a second.
    .alphaDecay(1 - Math.pow(0.001, 1 / 120))
    .stop();
  const ticks = Math.ceil(Math.log(simulation.alphaMin()) / Math.log(1 - simulation.alphaDecay()));
  simulation.tick(ticks);
  const positions = new Map(sim.map((n) => [n.id, { x: n.x!, y: n.y! }]));
  const xs = sim.map((n) => n.x!);
  const ys = sim.map((n) => n.y!);
  const bounds = sim.length
    ? { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) }
    : { x0: 0, y0: 0, x1: 0, y1: 0 };
  return { positions, bounds };
}
