import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GraphEdge, GraphNode } from '../../../src/panels/causality/graph';
import { clusters, layoutGraph } from '../../../src/panels/causality/layout';
import { evidenceLinks } from '../../../src/panels/causality/links';

// Reading the frames needs @grafana/data, which needs a DOM: the browser suites cover it with
// frames from the real backend. Here: the layout and the links, on nodes built directly.
const node = (id: string, extra: Partial<GraphNode> = {}): GraphNode => ({ id, title: id, kind: 'metric', arcs: [], highlighted: false, details: [], links: [], ...extra });
const edge = (source: string, target: string): GraphEdge => ({ id: `${source}-${target}`, source, target, details: [] });

describe('causality evidence links', () => {
  it('builds the Explore link from the node query, the incident page as the other choice', () => {
    const n = node('m', { query: 'up{job="x"}', datasource: 'prom' });
    const links = evidenceLinks(n, 'inc-1', 'explore', { from: 1, to: 2 });
    assert.deepEqual(links.map((l) => l.title), ['Open in Explore', 'Open incident']);
    assert.ok(decodeURIComponent(links[0].href).includes('"expr":"up{job=\\"x\\"}"'));
    assert.equal(links[1].href, '/a/foresight-observability-app/incidents/inc-1?node=m');
    assert.equal(evidenceLinks(n, 'inc-1', 'incident', { from: 1, to: 2 })[0].title, 'Open incident');
  });

  it('asks Tempo with TraceQL for span nodes, and offers nothing without a query or incident', () => {
    const span = node('s', { kind: 'span', query: '{ status = error }', datasource: 'tempo' });
    const href = decodeURIComponent(evidenceLinks(span, undefined, 'explore', { from: 1, to: 2 })[0].href);
    assert.ok(href.includes('"queryType":"traceql","query":"{ status = error }"'), href);
    assert.deepEqual(evidenceLinks(node('x'), undefined, 'explore', { from: 1, to: 2 }), []);
  });
});

describe('causality graph layout', () => {
  const ids = Array.from({ length: 12 }, (_, i) => `n${i}`);
  // Two dense groups of six joined by one link.
  const pairs: Array<[string, string]> = [];
  for (const group of [0, 6]) for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) pairs.push([`n${group + i}`, `n${group + j}`]);
  pairs.push(['n0', 'n6']);

  it('finds the two dense groups even though one link joins them', () => {
    const g = { nodes: ids.map((id) => node(id)), edges: pairs.map(([a, b]) => edge(a, b)) };
    assert.equal(clusters(g.nodes, g.edges), 2);
    const of = (id: string) => g.nodes.find((n) => n.id === id)!.cluster;
    assert.equal(of('n1'), of('n5'));
    assert.notEqual(of('n1'), of('n7'));
  });

  it('lays the same graph out identically, and keeps groups apart', () => {
    const a = { nodes: ids.map((id) => node(id)), edges: pairs.map(([x, y]) => edge(x, y)) };
    const b = { nodes: [...ids].reverse().map((id) => node(id)), edges: [...pairs].reverse().map(([x, y]) => edge(x, y)) };
    const la = layoutGraph(a.nodes, a.edges);
    const lb = layoutGraph(a.nodes, a.edges);
    assert.deepEqual([...la.positions], [...lb.positions]);
    assert.equal(layoutGraph(b.nodes, b.edges).positions.size, 12);
    const centre = (from: number) => {
      const ps = ids.slice(from, from + 6).map((id) => la.positions.get(id)!);
      return { x: ps.reduce((s, p) => s + p.x, 0) / 6, y: ps.reduce((s, p) => s + p.y, 0) / 6 };
    };
    const spread = (from: number) => Math.max(...ids.slice(from, from + 6).map((id) => Math.hypot(la.positions.get(id)!.x - centre(from).x, la.positions.get(id)!.y - centre(from).y)));
    const gap = Math.hypot(centre(0).x - centre(6).x, centre(0).y - centre(6).y);
    assert.ok(gap > spread(0) && gap > spread(6), `groups apart: centres ${gap.toFixed(0)} apart, radii ${spread(0).toFixed(0)}, ${spread(6).toFixed(0)}`);
  });
});
