// Where a node's evidence opens: its own data links first (what the user or datasource set on the
// field, as the stock Node Graph offers), else Explore on the node's query, else the app's
// incident page for the graph.

import { PLUGIN_BASE_URL } from '../../constants';
import type { GraphNode } from './graph';

export interface EvidenceLink {
  title: string;
  href: string;
  target?: string;
}

export type EvidenceTarget = 'explore' | 'incident';

export function exploreUrl(node: GraphNode, range: { from: number; to: number }): string | undefined {
  if (!node.query || !node.datasource) return undefined;
  // Tempo reads TraceQL from `query`; Prometheus and Loki read `expr`.
  const query = node.kind === 'span' ? { refId: 'A', datasource: { uid: node.datasource }, queryType: 'traceql', query: node.query } : { refId: 'A', datasource: { uid: node.datasource }, expr: node.query };
  const panes = { a: { datasource: node.datasource, queries: [query], range: { from: String(range.from), to: String(range.to) } } };
  return `/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify(panes))}&orgId=1`;
}

export function incidentUrl(incident: string, node: GraphNode): string {
  return `${PLUGIN_BASE_URL}/incidents/${encodeURIComponent(incident)}?node=${encodeURIComponent(node.id)}`;
}

export function evidenceLinks(node: GraphNode, incident: string | undefined, prefer: EvidenceTarget, range: { from: number; to: number }): EvidenceLink[] {
  const out: EvidenceLink[] = node.links.map((l) => ({ title: l.title || 'Open', href: l.href, target: l.target }));
  const explore = exploreUrl(node, range);
  const incidentPage = incident ? incidentUrl(incident, node) : undefined;
  const ordered = prefer === 'incident' ? [incidentPage && { title: 'Open incident', href: incidentPage }, explore && { title: 'Open in Explore', href: explore }] : [explore && { title: 'Open in Explore', href: explore }, incidentPage && { title: 'Open incident', href: incidentPage }];
  for (const l of ordered) if (l) out.push(l);
  return out;
}
