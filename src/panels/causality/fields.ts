// Field names of the node and edge frames. The first group is Grafana's Node Graph contract (the
// stock Node Graph panel draws the same frames); the `detail__` fields are ours, and the stock
// panel lists them in a node's context menu.

export const NODE_GRAPH = {
  id: 'id',
  title: 'title',
  subTitle: 'subtitle',
  mainStat: 'mainstat',
  secondaryStat: 'secondarystat',
  source: 'source',
  target: 'target',
  color: 'color',
  highlighted: 'highlighted',
  arcPrefix: 'arc__',
  detailPrefix: 'detail__',
} as const;

export const FORESIGHT_FIELDS = {
  /** Node kind: service, metric, log pattern, span. */
  kind: 'detail__kind',
  /** How likely this node is the root cause, in [0, 1]. */
  rootCauseScore: 'detail__root_cause_score',
  /** The query behind a metric, log pattern or span node, opened in Explore as evidence. */
  query: 'detail__query',
  /** UID of the datasource that query runs on. */
  datasource: 'detail__datasource',
} as const;

export const NODE_KINDS = ['service', 'metric', 'log pattern', 'span'] as const;
export type NodeKind = (typeof NODE_KINDS)[number] | 'other';
