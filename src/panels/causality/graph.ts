// Reads node and edge frames shaped as Grafana's Node Graph expects into the graph the panel
// draws. Field names match case-insensitively (subTitle and subtitle both occur in the wild).
// Edge strength is the edge's numeric mainstat, its lag the numeric secondarystat (seconds).

import { FieldType, formattedValueToString, getValueFormat, type DataFrame, type Field, type LinkModel } from '@grafana/data';
import { FORESIGHT_FIELDS, NODE_GRAPH, NODE_KINDS, type NodeKind } from './fields';

export interface Detail {
  name: string;
  value: string;
}

export interface GraphNode {
  id: string;
  title: string;
  subTitle?: string;
  mainStat?: string;
  secondaryStat?: string;
  /** The main stat's value alone, short enough to print inside the node. */
  badge?: string;
  kind: NodeKind;
  /** Arc sections (fraction and colour) as Node Graph draws them around the node. */
  arcs: Array<{ value: number; color: string }>;
  color?: string;
  rootCauseScore?: number;
  highlighted: boolean;
  details: Detail[];
  query?: string;
  datasource?: string;
  /** Data links of the node's row (set by Grafana from the field config). */
  links: Array<LinkModel<Field>>;
  /** Connected cluster (filled by the layout). */
  cluster?: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  strength?: number;
  lagSeconds?: number;
  mainStat?: string;
  secondaryStat?: string;
  details: Detail[];
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The likely root cause: the highlighted node, else the one with the highest score. */
  rootCause?: GraphNode;
  /** Incident the graph belongs to (nodes frame meta.custom.incident), for the app's incident page. */
  incident?: string;
  /** Edges dropped because an end is not a node. */
  danglingEdges: number;
}

function fieldMap(frame: DataFrame): Map<string, Field> {
  return new Map(frame.fields.map((f) => [f.name.toLowerCase(), f]));
}

function display(field: Field | undefined, i: number): string | undefined {
  if (!field) return undefined;
  const v = field.values[i];
  if (v === null || v === undefined || v === '') return undefined;
  if (field.display) return formattedValueToString(field.display(v));
  if (field.type === FieldType.number && typeof v === 'number') {
    return formattedValueToString(getValueFormat(field.config.unit ?? 'none')(v, field.config.decimals ?? (Math.abs(v) < 10 ? 2 : 0)));
  }
  return String(v);
}

/** A stat with the name its field gives it ("anomaly score 0.91"), as Node Graph shows them. */
function stat(field: Field | undefined, i: number): string | undefined {
  const v = display(field, i);
  const name = field?.config.displayName;
  return v === undefined ? undefined : name ? `${name} ${v}` : v;
}

const short = (s: string | undefined) => (s !== undefined && s.length <= 5 ? s : undefined);

function numberAt(field: Field | undefined, i: number): number | undefined {
  const v = field?.values[i];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function details(frame: DataFrame, i: number, skip: Set<string>): Detail[] {
  return frame.fields
    .filter((f) => f.name.toLowerCase().startsWith(NODE_GRAPH.detailPrefix) && !skip.has(f.name.toLowerCase()))
    .map((f) => ({ name: f.config.displayName ?? f.name.slice(NODE_GRAPH.detailPrefix.length).replace(/_/g, ' '), value: display(f, i) ?? '' }))
    .filter((d) => d.value !== '');
}

function kindOf(v: unknown): NodeKind {
  const s = String(v ?? '').toLowerCase();
  return (NODE_KINDS as readonly string[]).includes(s) ? (s as NodeKind) : 'other';
}

function isEdges(fields: Map<string, Field>) {
  return fields.has(NODE_GRAPH.source) && fields.has(NODE_GRAPH.target);
}

function readNodes(frame: DataFrame, fields: Map<string, Field>): GraphNode[] {
  const id = fields.get(NODE_GRAPH.id)!;
  const arcs = frame.fields.filter((f) => f.name.toLowerCase().startsWith(NODE_GRAPH.arcPrefix));
  const skip = new Set<string>([FORESIGHT_FIELDS.kind, FORESIGHT_FIELDS.query, FORESIGHT_FIELDS.datasource, FORESIGHT_FIELDS.rootCauseScore]);
  const linkField = fields.get(NODE_GRAPH.id)?.getLinks ? id : fields.get(NODE_GRAPH.title);
  return Array.from({ length: frame.length }, (_, i) => {
    const idValue = String(id.values[i]);
    const highlighted = fields.get(NODE_GRAPH.highlighted)?.values[i];
    return {
      id: idValue,
      title: display(fields.get(NODE_GRAPH.title), i) ?? idValue,
      subTitle: display(fields.get(NODE_GRAPH.subTitle), i),
      mainStat: stat(fields.get(NODE_GRAPH.mainStat), i),
      badge: short(display(fields.get(NODE_GRAPH.mainStat), i)),
      secondaryStat: stat(fields.get(NODE_GRAPH.secondaryStat), i),
      kind: kindOf(fields.get(FORESIGHT_FIELDS.kind)?.values[i]),
      arcs: arcs
        .map((f) => ({ value: numberAt(f, i) ?? 0, color: (f.config.color as { fixedColor?: string } | undefined)?.fixedColor ?? f.name.slice(NODE_GRAPH.arcPrefix.length) }))
        .filter((a) => a.value > 0),
      color: fields.get(NODE_GRAPH.color)?.values[i] ?? undefined,
      rootCauseScore: numberAt(fields.get(FORESIGHT_FIELDS.rootCauseScore), i),
      highlighted: highlighted === true || highlighted === 'true',
      details: details(frame, i, skip),
      query: fields.get(FORESIGHT_FIELDS.query)?.values[i] || undefined,
      datasource: fields.get(FORESIGHT_FIELDS.datasource)?.values[i] || undefined,
      links: linkField?.getLinks?.({ valueRowIndex: i }) ?? [],
    };
  });
}

function readEdges(frame: DataFrame, fields: Map<string, Field>): GraphEdge[] {
  const id = fields.get(NODE_GRAPH.id);
  const source = fields.get(NODE_GRAPH.source)!;
  const target = fields.get(NODE_GRAPH.target)!;
  const main = fields.get(NODE_GRAPH.mainStat);
  const secondary = fields.get(NODE_GRAPH.secondaryStat);
  return Array.from({ length: frame.length }, (_, i) => ({
    id: id ? String(id.values[i]) : `${source.values[i]}->${target.values[i]}`,
    source: String(source.values[i]),
    target: String(target.values[i]),
    strength: numberAt(main, i),
    lagSeconds: numberAt(secondary, i),
    mainStat: display(main, i),
    secondaryStat: display(secondary, i),
    details: details(frame, i, new Set()),
  }));
}

export function readGraph(frames: DataFrame[]): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  let incident: string | undefined;
  for (const frame of frames) {
    const fields = fieldMap(frame);
    if (!fields.has(NODE_GRAPH.id) && !isEdges(fields)) continue;
    if (isEdges(fields)) {
      edges.push(...readEdges(frame, fields));
    } else {
      nodes.push(...readNodes(frame, fields));
      const custom = frame.meta?.custom as Record<string, unknown> | undefined;
      if (typeof custom?.incident === 'string') incident = custom.incident;
    }
  }
  // A node listed twice (two queries, say) is drawn once: the first row wins.
  const byId = new Map<string, GraphNode>();
  for (const n of nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  const unique = [...byId.values()];
  const kept = edges.filter((e) => byId.has(e.source) && byId.has(e.target) && e.source !== e.target);
  const scored = unique.filter((n) => n.rootCauseScore !== undefined);
  const rootCause =
    unique.find((n) => n.highlighted) ?? (scored.length ? scored.reduce((a, b) => ((b.rootCauseScore as number) > (a.rootCauseScore as number) ? b : a)) : undefined);
  return { nodes: unique, edges: kept, rootCause, incident, danglingEdges: edges.length - kept.length };
}
