import '../dom';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FieldType, toDataFrame } from '@grafana/data';
import { readGraph } from '../../../src/panels/causality/graph';

const nodes = (ids: string[], extra: Record<string, unknown[]> = {}) =>
  toDataFrame({
    name: 'nodes',
    fields: [
      { name: 'id', type: FieldType.string, values: ids },
      { name: 'title', type: FieldType.string, values: ids.map((i) => `T${i}`) },
      ...Object.entries(extra).map(([name, values]) => ({ name, type: typeof values.find((v) => v !== null) === 'number' ? FieldType.number : FieldType.string, values })),
    ],
  });
const edges = (pairs: Array<[string, string]>, extra: Record<string, unknown[]> = {}) =>
  toDataFrame({
    name: 'edges',
    fields: [
      { name: 'id', type: FieldType.string, values: pairs.map(([a, b]) => `${a}-${b}`) },
      { name: 'source', type: FieldType.string, values: pairs.map((p) => p[0]) },
      { name: 'target', type: FieldType.string, values: pairs.map((p) => p[1]) },
      ...Object.entries(extra).map(([name, values]) => ({ name, type: FieldType.number, values })),
    ],
  });

describe('causality graph frame reading', () => {
  it('reads Node Graph fields, case-insensitively, and our detail__ fields', () => {
    const g = readGraph([
      nodes(['a', 'b'], { subTitle: ['x', 'y'], detail__kind: ['service', 'log pattern'], detail__root_cause_score: [0.2, 0.7], detail__note: ['n1', null], arc__errors: [0.5, 0] }),
      edges([['a', 'b']], { mainstat: [0.8], secondarystat: [30] }),
    ]);
    assert.equal(g.nodes.length, 2);
    assert.equal(g.nodes[0].subTitle, 'x');
    assert.equal(g.nodes[1].kind, 'log pattern');
    assert.deepEqual(g.nodes[0].details, [{ name: 'note', value: 'n1' }]);
    assert.deepEqual(g.nodes[0].arcs, [{ value: 0.5, color: 'errors' }]);
    assert.equal(g.edges[0].strength, 0.8);
    assert.equal(g.edges[0].lagSeconds, 30);
    assert.equal(g.rootCause?.id, 'b', 'highest score');
  });

  it('prefers a highlighted node as the root cause, and drops edges to unknown nodes and self-loops', () => {
    const g = readGraph([nodes(['a', 'b'], { detail__root_cause_score: [0.2, 0.7], highlighted: ['true', 'false'] }), edges([['a', 'b'], ['a', 'zz'], ['b', 'b']])]);
    assert.equal(g.rootCause?.id, 'a');
    assert.equal(g.edges.length, 1);
    assert.equal(g.danglingEdges, 2);
  });

  it('draws a node listed twice once', () => {
    const g = readGraph([nodes(['a', 'b']), nodes(['b', 'c']), edges([['a', 'b'], ['b', 'c']])]);
    assert.deepEqual(g.nodes.map((n) => n.id), ['a', 'b', 'c']);
    assert.equal(g.edges.length, 2);
  });

  it('has no root cause when nothing is scored or highlighted, and no graph without a node frame', () => {
    assert.equal(readGraph([nodes(['a'])]).rootCause, undefined);
    assert.equal(readGraph([edges([['a', 'b']])]).nodes.length, 0);
    assert.equal(readGraph([]).nodes.length, 0);
  });
});
